from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.compiled import compiled, first_or_none, get_or_404
from core.document_files import checked_file_response
from core.fiscal_year import current_fiscal_year
from core.models import can_preview
from core.reversing import reverse
from procurement import reports
from procurement.charts import ordinance_chart
from procurement.models import FISCAL_MONTHS, BudgetLine, BudgetOrdinance, Notice, ProcurementPlan, month_label

NOTICES_PER_YEAR_PAGE = 200


def _years():
    """The fiscal years that have anything published, newest first (and the current one)."""
    years = set(
        compiled(
            ("procurement.notice_years",), lambda: Notice.objects.published().values_list("fiscal_year", flat=True)
        )
    )
    years |= set(
        compiled(
            ("procurement.plan_years",),
            lambda: ProcurementPlan.objects.published().values_list("fiscal_year", flat=True),
        )
    )
    return sorted(years | {current_fiscal_year()}, reverse=True)


def index(request):
    years = _years()
    latest = compiled(("procurement.latest",), lambda: Notice.objects.published().order_by("-announced_on", "-pk")[:10])
    return render(
        request,
        "procurement/index.html",
        {"years": years, "latest": latest, "breadcrumbs": [("จัดซื้อจัดจ้าง", None)]},
    )


def year_detail(request, year):
    """A fiscal year's procurement plan, its notices by type, and links to its monthly summaries and report."""
    plan = first_or_none(
        ("procurement.plan", can_preview(request.user, ProcurementPlan)),
        lambda year: ProcurementPlan.objects.visible_to(request.user).filter(fiscal_year=year),  # unique
        year,
    )
    notices = list(
        compiled(
            ("procurement.year_notices",),
            lambda year: Notice.objects.published().filter(fiscal_year=year).order_by("-announced_on", "-pk"),
            year,
        )
    )
    months = [(month, month_label(year, month)) for month in FISCAL_MONTHS]
    return render(
        request,
        "procurement/year_detail.html",
        {
            "year": year,
            "plan": plan,
            "notices": notices[:NOTICES_PER_YEAR_PAGE],
            "months": months,
            "breadcrumbs": [("จัดซื้อจัดจ้าง", reverse("procurement:index")), (f"ปีงบประมาณ {year}", None)],
        },
    )


def notice_detail(request, pk):
    notice = get_or_404(
        ("procurement.notice", can_preview(request.user, Notice)),
        lambda pk: Notice.objects.visible_to(request.user).filter(pk=pk),
        pk,
    )
    return render(
        request,
        "procurement/notice_detail.html",
        {
            "notice": notice,
            "breadcrumbs": [
                ("จัดซื้อจัดจ้าง", reverse("procurement:index")),
                (f"ปีงบประมาณ {notice.fiscal_year}", reverse("procurement:year", kwargs={"year": notice.fiscal_year})),
                (notice.title, None),
            ],
        },
    )


def _month(year, month):
    if month not in FISCAL_MONTHS:
        raise Http404("ไม่มีเดือนนี้")
    return reports.monthly_summary(year, month)


def summary(request, year, month, printable=False):
    """แบบ สขร.1: the published award notices of a month, with their totals."""
    data = _month(year, month)
    return render(
        request,
        "procurement/summary_print.html" if printable else "procurement/summary.html",
        {
            "summary": data,
            "year": year,
            "months": [(number, month_label(year, number)) for number in FISCAL_MONTHS],
            "breadcrumbs": [
                ("จัดซื้อจัดจ้าง", reverse("procurement:index")),
                (f"ปีงบประมาณ {year}", reverse("procurement:year", kwargs={"year": year})),
                (f"สขร.1 {data.label}", None),
            ],
        },
    )


def summary_print(request, year, month):
    return summary(request, year, month, printable=True)


def _csv_response(text, file_name):
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def summary_csv(request, year, month):
    return _csv_response(reports.summary_csv(_month(year, month)), f"sorkhor1-{year}-{month:02d}.csv")


def annual(request, year, printable=False):
    report = reports.annual_report(year)
    return render(
        request,
        "procurement/annual_print.html" if printable else "procurement/annual.html",
        {
            "report": report,
            "year": year,
            "breadcrumbs": [
                ("จัดซื้อจัดจ้าง", reverse("procurement:index")),
                (f"ปีงบประมาณ {year}", reverse("procurement:year", kwargs={"year": year})),
                ("รายงานผลประจำปี", None),
            ],
        },
    )


def annual_print(request, year):
    return annual(request, year, printable=True)


def annual_csv(request, year):
    return _csv_response(reports.annual_csv(reports.annual_report(year)), f"procurement-report-{year}.csv")


@require_safe
def notice_file(request, pk, which):
    notice = get_object_or_404(Notice.objects.visible_to(request.user), pk=pk)
    field = {"notice": notice.file, "median-price": notice.median_price_file}.get(which)
    if not field:
        raise Http404("ไม่พบไฟล์")
    title = notice.title if which == "notice" else f"ราคากลาง {notice.project_name}"
    return checked_file_response(field, title=title, fallback_stem=f"notice-{notice.pk}", public=notice.is_public)


@require_safe
def plan_file(request, year):
    plan = get_object_or_404(ProcurementPlan.objects.visible_to(request.user), fiscal_year=year)
    if not plan.file:
        raise Http404("ไม่พบไฟล์")
    return checked_file_response(
        plan.file, title=plan.display_title, fallback_stem=f"plan-{year}", public=plan.is_public
    )


def ordinance_list(request):
    ordinances = list(compiled(("procurement.ordinances",), lambda: BudgetOrdinance.objects.published()))
    return render(
        request,
        "procurement/ordinance_list.html",
        {
            "ordinances": ordinances,
            "chart": ordinance_chart(ordinances),
            "breadcrumbs": [("ข้อบัญญัติงบประมาณ", None)],
        },
    )


def ordinance_detail(request, year):
    ordinance = get_or_404(
        ("procurement.ordinance", can_preview(request.user, BudgetOrdinance)),
        lambda year: BudgetOrdinance.objects.visible_to(request.user).filter(fiscal_year=year),
        year,
    )
    lines = list(
        compiled(("procurement.ordinance_lines",), lambda pk: BudgetLine.objects.filter(ordinance_id=pk), ordinance.pk)
    )
    return render(
        request,
        "procurement/ordinance_detail.html",
        {
            "ordinance": ordinance,
            "lines": lines,
            "lines_total": sum((line.amount for line in lines), reports.ZERO),
            "breadcrumbs": [("ข้อบัญญัติงบประมาณ", reverse("procurement:ordinances")), (f"ปีงบประมาณ {year}", None)],
        },
    )


@require_safe
def ordinance_file(request, year):
    ordinance = get_object_or_404(BudgetOrdinance.objects.visible_to(request.user), fiscal_year=year)
    if not ordinance.file:
        raise Http404("ไม่พบไฟล์")
    return checked_file_response(
        ordinance.file, title=ordinance.display_title, fallback_stem=f"ordinance-{year}", public=ordinance.is_public
    )
