"""Builds test plans whose amounts are known in advance, so tests can add them up on their own."""

from dataclasses import dataclass, field
from decimal import Decimal

from plans.models import BudgetLine, Guideline, Plan, Project, Strategy
from staff.models import Unit

YEARS = (2553, 2554, 2555)


@dataclass
class ProjectSpec:
    """What the test knows about one project, independently of the database."""

    pk: int
    strategy_pk: int
    unit_slug: str | None
    village: int | None
    name: str
    amounts: dict = field(default_factory=dict)  # year -> Decimal


@dataclass
class BuiltPlan:
    plan: Plan
    strategies: list
    units: list
    specs: list


def make_units():
    return [
        Unit.objects.get_or_create(
            slug=slug, defaults={"name": name, "side": Unit.Side.PERMANENT, "kind": Unit.Kind.DIVISION, "order": i}
        )[0]
        for i, (slug, name) in enumerate([("test-works", "ส่วนโยธา (ทดสอบ)"), ("test-office", "สำนักปลัด (ทดสอบ)")])
    ]


def amount_for(index, year):
    """Amounts with satang, so that a float anywhere would show; some years are left empty, some are zero."""
    if (index + year) % 4 == 0:
        return None
    if index % 9 == 5:
        return Decimal("0.00")
    return Decimal(f"{(index * 7919 + year * 31) % 1_500_000}.{(index * 37 + year) % 100:02d}")


def build_plan(n_projects, *, slug="test-plan", status=Plan.Status.IN_FORCE, strategies=3):
    plan = Plan.objects.create(
        title=f"แผนทดสอบ {slug}", slug=slug, first_year=YEARS[0], last_year=YEARS[-1], status=status
    )
    units = make_units()
    strategy_objects = [
        Strategy.objects.create(
            plan=plan, number=n, title=f"ยุทธศาสตร์ทดสอบที่ {n}", description=f"เป้าประสงค์ของยุทธศาสตร์ที่ {n}\nบรรทัดที่สอง"
        )
        for n in range(1, strategies + 1)
    ]
    guidelines = {
        s.pk: [Guideline.objects.create(strategy=s, number=g, title=f"แนวทาง {s.number}.{g}") for g in (1, 2)]
        for s in strategy_objects
    }
    projects = []
    for i in range(n_projects):
        strategy = strategy_objects[i % len(strategy_objects)]
        projects.append(
            Project(
                strategy=strategy,
                guideline=guidelines[strategy.pk][(i // 3) % 3] if (i // 3) % 3 < 2 else None,
                number=i // len(strategy_objects) + 1,
                name=("ก่อสร้างถนนคอนกรีต" if i % 2 else "ขยายเขตประปา") + f" โครงการ {i}",
                village=(i % 5) or None,
                unit=units[(i // 2) % 3] if (i // 2) % 3 < 2 else None,
                location=f"หมู่ที่ {(i % 5) or 1}",
                objective="วัตถุประสงค์",
            )
        )
    Project.objects.bulk_create(projects)
    projects = list(Project.objects.filter(strategy__plan=plan).select_related("unit").order_by("pk"))
    lines, specs = [], []
    for i, project in enumerate(projects):
        spec = ProjectSpec(
            project.pk, project.strategy_id, project.unit.slug if project.unit else None, project.village, project.name
        )
        for year in YEARS:
            amount = amount_for(i, year)
            if amount is not None:
                spec.amounts[year] = amount
                source = BudgetLine.Source.GOVERNMENT if i % 4 == 1 else BudgetLine.Source.LOCAL
                lines.append(BudgetLine(project=project, fiscal_year=year, amount=amount, source=source))
        specs.append(spec)
    BudgetLine.objects.bulk_create(lines)
    return BuiltPlan(plan, strategy_objects, units, specs)


def snapshot(plan):
    """Everything the CSV carries about a plan, keyed by numbers rather than primary keys.

    Not carried, by design (the import page says so): the plan's own fields (title, approval date, status,
    summary, note, signed PDF: set in the plan's form), guideline descriptions, and guidelines or
    strategies that have no project (the file has one row per project).
    """
    return {
        "years": (plan.first_year, plan.last_year),
        "strategies": sorted(
            Strategy.objects.filter(plan=plan, projects__isnull=False)
            .distinct()
            .values_list("number", "title", "description")
        ),
        "guidelines": sorted(
            Guideline.objects.filter(strategy__plan=plan, projects__isnull=False)
            .distinct()
            .values_list("strategy__number", "number", "title")
        ),
        "projects": sorted(
            Project.objects.filter(strategy__plan=plan).values_list(
                "strategy__number",
                "number",
                "guideline__number",
                "name",
                "objective",
                "target",
                "location",
                "village",
                "unit__slug",
                "indicator",
                "expected_result",
            ),
            key=repr,
        ),
        "budget_lines": sorted(
            BudgetLine.objects.filter(project__strategy__plan=plan).values_list(
                "project__strategy__number", "project__number", "fiscal_year", "amount", "source"
            )
        ),
    }


def build_plan_over_years(first_year, last_year, *, slug, strategies=2):
    """A published plan with a budget line in every one of its years, for pages that draw one thing per year."""
    plan = Plan.objects.create(
        title=f"แผนพัฒนา (พ.ศ. {first_year}–{last_year})",
        slug=slug,
        first_year=first_year,
        last_year=last_year,
        status=Plan.Status.IN_FORCE,
    )
    for n in range(1, strategies + 1):
        strategy = Strategy.objects.create(plan=plan, number=n, title=f"ยุทธศาสตร์การพัฒนาด้านที่ {n}")
        project = Project.objects.create(strategy=strategy, number=1, name=f"โครงการของยุทธศาสตร์ที่ {n}")
        BudgetLine.objects.bulk_create(
            BudgetLine(project=project, fiscal_year=year, amount=Decimal(100_000 * n + year))
            for year in range(first_year, last_year + 1)
        )
    return plan
