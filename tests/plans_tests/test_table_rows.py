"""The rows of the plans' tables are written out in Python (plans/templatetags/plan_tags.py): the same markup
the templates drew, hostile names escaped."""

import pytest
from django.template import Context, Template

from plans import budget
from plans.models import BudgetLine, Project
from tests.plans_tests.builders import YEARS, build_plan

pytestmark = pytest.mark.django_db

# The markup of plans/includes/project_rows.html and plans/includes/totals_row.html before the tags.
PROJECT_ROWS_TEMPLATE = """{% load plan_tags %}{% for row in rows %}
<tr>
  <td class="plan-table__no">{{ row.item.strategy.number }}.{{ row.item.number }}</td>
  <th scope="row" class="plan-table__name"><a href="{{ row.item.get_absolute_url }}">{{ row.item.name }}</a>{% if row.item.location %}<span class="plan-table__place">{{ row.item.location }}</span>{% endif %}</th>
  <td>{{ row.item.village|default:"ทั้งตำบล" }}</td>
  <td class="plan-table__unit">{{ row.item.unit.name|default:"–" }}</td>
  {% for value in row.amounts %}<td class="num">{{ value|amount }}</td>{% endfor %}
  <td class="num total">{{ row.total|amount }}</td>
</tr>{% endfor %}"""  # noqa: E501

TOTALS_ROW_TEMPLATE = """{# One totals row for every plan table: a label over `span` columns, then each year's total and the grand total. #}
{% load plan_tags %}<tr{% if row_class %} class="{{ row_class }}"{% endif %}>
  <th scope="row"{% if span and span != 1 %} colspan="{{ span }}"{% endif %}>{{ label }}</th>
  {% if count_cell %}<td class="num">{{ table.count }}</td>{% endif %}
  {% for value in table.year_totals %}<td class="num">{{ value|amount }}</td>{% endfor %}
  <td class="num total">{{ table.total|amount }}</td>
</tr>
"""  # noqa: E501

HOSTILE = '<script>alert("x")</script> & ถนน'


@pytest.fixture
def table():
    built = build_plan(14)
    Project.objects.filter(pk=built.specs[0].pk).update(name=HOSTILE, location='<img src=x onerror="y">', number=1200)
    projects = list(Project.objects.filter(strategy__plan=built.plan).select_related("strategy__plan", "unit"))
    lines = budget.lines_by_project(BudgetLine.objects.filter(project__in=projects).order_by("fiscal_year"))
    return budget.project_table(projects, YEARS, lines)


@pytest.mark.parametrize("grouped", [False, True])
def test_the_project_rows_are_the_markup_the_template_drew(table, settings, grouped):
    settings.USE_THOUSAND_SEPARATOR = grouped  # project 1200: "1,200" when digits are grouped
    drawn = Template(PROJECT_ROWS_TEMPLATE).render(Context({"rows": table.rows}))
    written = Template("{% load plan_tags %}{% project_rows rows %}").render(Context({"rows": table.rows}))
    assert written == drawn
    assert "<script>" not in written and "&lt;script&gt;" in written and "ทั้งตำบล" in written and "–" in written


@pytest.mark.parametrize(
    "options",
    [
        {"label": "รวม 14 โครงการ", "span": 4},
        {"label": "รวมทั้งแผน", "span": 1, "count_cell": True},
        {"label": HOSTILE, "span": 4, "row_class": "plan-table__subtotal"},
    ],
)
def test_a_totals_row_is_the_markup_the_template_drew(table, options):
    for row in table.rows:
        row.count = 2  # the plan's table counts a strategy's projects
    drawn = Template(TOTALS_ROW_TEMPLATE).render(Context({"table": table, **options}))
    arguments = " ".join(f"{name}=options.{name}" for name in options)
    written = Template("{% load plan_tags %}{% totals_row table " + arguments + " %}").render(
        Context({"table": table, "options": options})
    )
    assert written == drawn and "<script>" not in written
