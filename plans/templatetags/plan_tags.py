"""Amounts the way Thai plans print them: 1,250,000 บาท (satang only when there are some)."""

from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_amount(value) -> str:
    """1250000 → "1,250,000"; 1250000.5 → "1,250,000.50"; None → "–"."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{amount:,.2f}"


@register.filter
def baht(value):
    """1,250,000 บาท"""
    amount = _decimal(value)
    return "–" if amount is None else f"{format_amount(amount)} บาท"


@register.filter
def amount(value):
    """1,250,000 — for table cells whose column header already says (บาท)."""
    return format_amount(value)


@register.filter
def baht_short(value):
    """A compact label for charts: 1.25 ล้าน, 850,000."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    if abs(amount) >= 1_000_000:
        millions = (amount / 1_000_000).quantize(Decimal("0.01"))
        text = f"{millions:,.2f}".rstrip("0").rstrip(".")
        return f"{text} ล้าน"
    return format_amount(amount)


# The rows of the plans' tables, written out here rather than by templates: a strategy's page shows a
# row per project, and the template's loop, look-ups and filters were most of its render, which an edit of
# one budget line makes again. tests/plans_tests/test_table_rows.py compares them with the templates' markup.


@register.simple_tag
def project_rows(rows):
    """One <tr> per row of a table of projects (plans.budget.BudgetTable.rows)."""
    return mark_safe("".join(_project_row(row) for row in rows))  # noqa: S308 (each value escaped by format_html)


def _project_row(row):
    project = row.item
    place = format_html('<span class="plan-table__place">{}</span>', project.location) if project.location else ""
    unit = project.unit.name if project.unit_id and project.unit else ""
    return format_html(
        '\n<tr>\n  <td class="plan-table__no">{}.{}</td>\n'
        '  <th scope="row" class="plan-table__name"><a href="{}">{}</a>{}</th>\n'
        "  <td>{}</td>\n"
        '  <td class="plan-table__unit">{}</td>\n'
        "  {}\n"
        '  <td class="num total">{}</td>\n</tr>',
        _number(project.strategy.number),
        _number(project.number),
        project.get_absolute_url(),
        project.name,
        place,
        _number(project.village) if project.village else "ทั้งตำบล",
        unit or "–",
        _amount_cells(row.amounts),
        format_amount(row.total),
    )


def _number(value):
    """A whole number as a template shows it: localize() groups its digits only when USE_THOUSAND_SEPARATOR."""
    return localize(value) if settings.USE_THOUSAND_SEPARATOR else str(value)


def _amount_cells(values):
    # format_amount() gives digits, commas, a point or "–": nothing to escape.
    return mark_safe("".join(f'<td class="num">{format_amount(value)}</td>' for value in values))  # noqa: S308


@register.simple_tag
def totals_row(table, label, span=None, row_class="", count_cell=False):
    """A table's totals row: ``label`` over ``span`` columns, then each year's total and the grand total
    (with the number of projects first when ``count_cell``)."""
    year_totals = table.year_totals
    return format_html(
        '\n<tr{}>\n  <th scope="row"{}>{}</th>\n  {}\n  {}\n  <td class="num total">{}</td>\n</tr>\n',
        format_html(' class="{}"', row_class) if row_class else "",
        format_html(' colspan="{}"', _number(span)) if span and span != 1 else "",
        label,
        format_html('<td class="num">{}</td>', _number(table.count)) if count_cell else "",
        _amount_cells(year_totals),
        format_amount(sum(year_totals, Decimal(0))),
    )


@register.simple_tag(takes_context=True)
def plan_filter(context):
    """The plan page's project filter, for the request's plan: its plan and its choices (plans.views.plan_filter)."""
    from plans.views import plan_filter

    return plan_filter(context["request"])


@register.simple_tag
def empty_filter_form(plan, choices):
    """The project filter of ``plan`` with these choices, nothing chosen (the plan page's: no file is named
    after it, so it needs no strategy numbers)."""
    from plans.forms import ProjectFilterForm

    return ProjectFilterForm(plan=plan, strategies=(), choices=choices)
