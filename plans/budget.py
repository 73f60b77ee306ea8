"""Budget tables: rows of amounts per fiscal year, and totals that are the exact (Decimal) sum of the rows.

Every total a page shows is added up here from the very rows the page shows, so a total can never
disagree with its table, whatever the filters.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from core.compiled import compiled
from plans.models import BudgetLine

ZERO = Decimal("0")


@dataclass
class BudgetRow:
    """One row: an object (a strategy, a project) with its amount per year (None: nothing planned)."""

    item: object
    amounts: list  # aligned with the table's years; Decimal or None
    count: int = 0

    @property
    def total(self):
        return sum((a for a in self.amounts if a is not None), ZERO)


@dataclass
class BudgetTable:
    years: list
    rows: list = field(default_factory=list)

    @property
    def year_totals(self):
        return [sum((row.amounts[i] or ZERO for row in self.rows), ZERO) for i in range(len(self.years))]

    @property
    def total(self):
        return sum(self.year_totals, ZERO)

    @property
    def count(self):
        return sum(row.count for row in self.rows)

    def __len__(self):
        return len(self.rows)


def total_in_plan_years(lines, plan=""):
    """Sum of the amounts of the budget lines reached by the path ``lines`` that lie within the years of the plan
    reached by ``plan`` (a path prefix ending in "__", or "" on a Plan queryset).

    Tables show one column per year of the plan, so a line outside the years (left from before Plan.clean
    refused narrowing, or written by a script) is in no table; every annotated total leaves it out too.
    """
    within = Q(
        **{f"{lines}__fiscal_year__gte": F(f"{plan}first_year"), f"{lines}__fiscal_year__lte": F(f"{plan}last_year")}
    )
    return Sum(f"{lines}__amount", filter=within)


def lines_by_project(lines):
    """Budget lines (in the order read) by their project's pk."""
    by_project = defaultdict(list)
    for line in lines:
        by_project[line.project_id].append(line)
    return by_project


def project_amounts(project, years, lines=None):
    """Amounts per year from the project's lines: those given, or its prefetched budget_lines (no query)."""
    by_year = {line.fiscal_year: line.amount for line in (project.budget_lines.all() if lines is None else lines)}
    return [by_year.get(year) for year in years]


def project_table(projects, years, lines_of=None) -> BudgetTable:
    """Projects as rows of a budget table, with their lines from ``lines_of`` (see ``lines_by_project``) or,
    without it, prefetched as budget_lines."""
    return BudgetTable(
        years=list(years),
        rows=[
            BudgetRow(p, project_amounts(p, years, None if lines_of is None else lines_of.get(p.pk, ())), 1)
            for p in projects
        ],
    )


@dataclass
class GuidelineGroup:
    guideline: object  # None: projects not under a guideline
    table: BudgetTable


def grouped_by_guideline(projects, guidelines, years, lines_of=None):
    """Projects of one strategy grouped under their guidelines (in guideline order), each group with its subtotal
    (their lines as ``project_table`` takes them)."""
    by_guideline = defaultdict(list)
    for project in projects:
        by_guideline[project.guideline_id].append(project)
    groups = [
        GuidelineGroup(g, project_table(by_guideline[g.pk], years, lines_of))
        for g in guidelines
        if by_guideline.get(g.pk)
    ]
    if by_guideline.get(None):
        groups.append(GuidelineGroup(None, project_table(by_guideline[None], years, lines_of)))
    return groups


def strategy_table(plan, strategies) -> BudgetTable:
    """Every strategy of the plan with its number of projects and its budget per year: one grouped query.

    ``strategies`` must be annotated with ``project_count`` (see ``with_project_counts``).
    """
    years = plan.years
    sums = compiled(
        ("plans.strategy_sums",),
        lambda pk: (
            BudgetLine.objects.filter(project__strategy__plan_id=pk)
            .values("project__strategy_id", "fiscal_year")
            .annotate(total=Sum("amount"))
            .order_by()
        ),
        plan.pk,
    )
    by_strategy = defaultdict(dict)
    for row in sums:
        by_strategy[row["project__strategy_id"]][row["fiscal_year"]] = row["total"]
    rows = [BudgetRow(s, [by_strategy[s.pk].get(year) for year in years], s.project_count) for s in strategies]
    return BudgetTable(years=years, rows=rows)


def with_project_counts(strategies):
    return strategies.annotate(project_count=Count("projects"))
