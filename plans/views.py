from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header, urlencode

from core.compiled import compiled, get_or_404
from core.models import can_preview, without_bookkeeping
from core.reversing import reverse
from plans import budget, csv_io
from plans.charts import budget_chart
from plans.forms import ProjectFilterForm, filter_choices
from plans.models import BudgetLine, Guideline, Plan, Project, Strategy


def _plan(request, slug):
    return get_or_404(
        ("plans.plan", can_preview(request.user, Plan)),
        lambda slug: without_bookkeeping(Plan.objects.visible_to(request.user).filter(slug=slug)),
        slug,
    )


def _projects(plan, year=None):
    """The plan's projects with everything a table row shows, in a fixed number of queries."""
    lines = BudgetLine.objects.order_by("fiscal_year")
    if year:
        lines = lines.filter(fiscal_year=year)
    return (
        Project.objects.filter(strategy__plan=plan)
        .select_related("strategy__plan", "guideline__strategy", "unit")
        .prefetch_related(Prefetch("budget_lines", queryset=lines))
        .order_by("strategy__number", "number")
    )


def plan_list(request):
    plans = Plan.objects.visible_to(request.user).annotate(
        total=budget.total_in_plan_years("strategies__projects__budget_lines")
    )
    return render(request, "plans/plan_list.html", {"plans": plans, "breadcrumbs": [("แผนพัฒนาตำบล", None)]})


def plan_detail(request, slug):
    plan = _plan(request, slug)
    strategies = list(
        compiled(
            ("plans.strategies",),
            lambda pk: budget.with_project_counts(without_bookkeeping(Strategy.objects.filter(plan_id=pk))),
            plan.pk,
        )
    )
    for strategy in strategies:
        strategy.plan = plan  # as plan.strategies.all() would
    table = budget.strategy_table(plan, strategies)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "table": table,
            "chart": budget_chart(table),
            "breadcrumbs": [("แผนพัฒนาตำบล", _index_url()), (plan.title, None)],
        },
    )


def plan_filter(request):
    """The plan page's project filter (``{% plan_filter %}``), read in a part of its own that depends on the
    plan, its strategies and its projects' units and villages, not on their budgets: an edit of a budget line
    renders the plan's table and chart again, not this form. Its choices come as plain values, by which the
    form is kept rendered (core/memo.py): an edit of a project that uses no new unit or village renders no
    field of it again (they were a fifth of that render)."""
    plan = _plan(request, request.resolver_match.kwargs["slug"])
    strategies = compiled(
        ("plans.filter_strategies",), lambda pk: without_bookkeeping(Strategy.objects.filter(plan_id=pk)), plan.pk
    )
    return {"plan": plan, "choices": filter_choices(plan, strategies)}


def strategy_detail(request, slug, pk):
    plan = _plan(request, slug)
    strategy = get_or_404(
        ("plans.strategy",),
        lambda plan, pk: without_bookkeeping(Strategy.objects.filter(plan_id=plan, pk=pk)),
        plan.pk,
        pk,
    )
    strategy.plan = plan
    guidelines = list(
        compiled(
            ("plans.guidelines",), lambda pk: without_bookkeeping(Guideline.objects.filter(strategy_id=pk)), strategy.pk
        )
    )
    for guideline in guidelines:
        guideline.strategy = strategy  # as strategy.guidelines.all() would: its number is the guideline's code's
    # The strategy, its plan and its guidelines are known: the projects are read with their unit alone, and
    # their lines apart (a prefetch would be built and compiled again for every render).
    projects = list(
        compiled(
            ("plans.strategy_projects",),
            lambda pk: without_bookkeeping(
                Project.objects.filter(strategy_id=pk).select_related("unit"), "unit"
            ).order_by("number"),
            strategy.pk,
        )
    )
    guideline_of = {guideline.pk: guideline for guideline in guidelines}
    for project in projects:
        project.strategy = strategy
        if project.guideline_id in guideline_of:
            project.guideline = guideline_of[project.guideline_id]
    lines = compiled(
        ("plans.strategy_lines",),
        # The table shows a line's year and amount: its times, read and converted row by row, would go unused.
        lambda pk: (
            BudgetLine.objects.filter(project__strategy_id=pk)
            .only("project_id", "fiscal_year", "amount")
            .order_by("fiscal_year")
        ),
        strategy.pk,
    )
    groups = budget.grouped_by_guideline(projects, guidelines, plan.years, budget.lines_by_project(lines))
    table = budget.BudgetTable(plan.years, [row for group in groups for row in group.table.rows])
    return render(
        request,
        "plans/strategy_detail.html",
        {
            "plan": plan,
            "strategy": strategy,
            "guidelines": guidelines,
            "groups": groups,
            "table": table,
            "export_query": urlencode({"strategy": strategy.pk}),
            "breadcrumbs": [
                ("แผนพัฒนาตำบล", _index_url()),
                (plan.title, plan.get_absolute_url()),
                (f"ยุทธศาสตร์ที่ {strategy.number}", None),
            ],
        },
    )


def _filtered(request, plan):
    strategies = list(plan.strategies.all())
    form = ProjectFilterForm(request.GET or None, plan=plan, strategies=strategies)
    chosen = form.filters()
    year = chosen.get("year")
    projects = list(form.apply(_projects(plan, year)))
    years = [year] if year else plan.years
    return form, chosen, projects, years


def project_list(request, slug):
    plan = _plan(request, slug)
    form, chosen, projects, years = _filtered(request, plan)
    return render(
        request,
        "plans/project_list.html",
        {
            "plan": plan,
            "form": form,
            "table": budget.project_table(projects, years),
            "filters_described": form.describe(),
            "export_query": urlencode(chosen),
            "has_filters": bool(chosen),
            "breadcrumbs": [
                ("แผนพัฒนาตำบล", _index_url()),
                (plan.title, plan.get_absolute_url()),
                ("โครงการ", None),
            ],
        },
    )


def project_csv(request, slug):
    plan = _plan(request, slug)
    form, _, projects, years = _filtered(request, plan)
    # Only validated filter values name the file: the search text is free text (a line break in it is a 500).
    suffix = "-".join(form.file_name_words()) or "all"
    response = HttpResponse(csv_io.export_csv(projects, years), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"plan-{plan.slug}-{suffix}.csv")
    return response


def project_detail(request, slug, pk):
    plan = _plan(request, slug)
    project = get_or_404(
        ("plans.project",),
        lambda plan, pk: without_bookkeeping(
            Project.objects.filter(strategy__plan_id=plan, pk=pk).select_related("strategy", "guideline", "unit"),
            "strategy",
            "guideline",
            "unit",
        ),
        plan.pk,
        pk,
    )
    project.strategy.plan = plan
    if project.guideline:
        project.guideline.strategy = project.strategy  # its number is the guideline's code's
    lines = list(
        compiled(
            ("plans.project_lines",),
            lambda pk: without_bookkeeping(BudgetLine.objects.filter(project_id=pk)).order_by("fiscal_year"),
            project.pk,
        )
    )
    table = budget.project_table([project], plan.years, {project.pk: lines})
    by_year = {line.fiscal_year: line for line in lines}
    return render(
        request,
        "plans/project_detail.html",
        {
            "plan": plan,
            "project": project,
            "table": table,
            "year_lines": [(year, by_year.get(year)) for year in plan.years],
            "breadcrumbs": [
                ("แผนพัฒนาตำบล", _index_url()),
                (plan.title, plan.get_absolute_url()),
                (f"ยุทธศาสตร์ที่ {project.strategy.number}", project.strategy.get_absolute_url()),
                (project.name, None),
            ],
        },
    )


def _index_url():
    return reverse("plans:index")
