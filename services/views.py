"""Public pages of บริการประชาชน: the forms, tracking, statistics, the survey and the Q&A.

Thin views: spam checks (services.spam), the form, a write in services.services, a redirect. Every
refusal re-renders the form with what was typed and a Thai message; nothing is stored.
"""

import csv

from django.conf import settings
from django.contrib import messages
from django.db.models import Avg, Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.lockout import client_address
from core.compiled import CompiledPaginator, compiled, first_or_none, get_or_404
from core.fiscal_year import fiscal_year_of
from core.models import SiteProfile, can_preview
from core.reversing import reverse
from services import csv_safe, services
from services import statistics as stats
from services.forms import FollowUpForm, RequestForm, SurveyForm, TrackForm, survey_questions
from services.models import (
    Category,
    KindField,
    PrivacyNotice,
    PublishedQuestion,
    RequestKind,
    ServiceRequest,
    Status,
    SurveyAnswer,
    SurveyResponse,
    normalise_tracking_code,
)
from services.permissions import can_open_sealed
from services.spam import SpamRefusal, check_post, hit_rate_limit

TITLE = "บริการประชาชน"
TRACK_LOOKUP_LIMIT = (10, 600)  # lookups of unknown codes one address may make in ten minutes
QUESTIONS_PER_PAGE = 20


def _crumbs(*items):
    return [(TITLE, reverse("services:index")), *items]


def index(request):
    kinds = list(compiled(("services.kinds",), lambda: RequestKind.objects.published()))
    groups = []
    for category in Category:
        members = [kind for kind in kinds if kind.category == category]
        if members:
            groups.append((category, members))
    return render(request, "services/index.html", {"groups": groups, "breadcrumbs": [(TITLE, None)]})


def privacy_notice(request):
    notice = PrivacyNotice.current()
    return render(
        request,
        "services/privacy_notice.html",
        {"notice": notice, "breadcrumbs": _crumbs(("ประกาศความเป็นส่วนตัว", None))},
    )


def submit(request, slug):
    kind = get_or_404(
        ("services.kind", can_preview(request.user, RequestKind)),
        lambda slug: RequestKind.objects.visible_to(request.user).filter(slug=slug),
        slug,
    )
    declared = list(compiled(("services.kind_fields",), lambda pk: KindField.objects.filter(kind_id=pk), kind.pk))
    notice = PrivacyNotice.current()
    status = 200
    refusal = None
    if request.method == "POST":
        form = RequestForm(request.POST, request.FILES, kind=kind, declared=declared, notice=notice)
        try:
            check_post(request)
        except SpamRefusal as error:
            refusal, status = error, error.status
        if refusal is None and notice is None:
            refusal = SpamRefusal("ขณะนี้ยังรับเรื่องทางเว็บไซต์ไม่ได้ กรุณาติดต่อสำนักงานโดยตรง", code="no_notice", status=503)
            status = 503
        if refusal is None and form.is_valid():
            created = services.request_submit(
                kind=kind,
                notice=notice,
                data=form.cleaned_data,
                answers=form.declared_answers(),
                photos=form.photos(),
                ip_address=client_address(request),
                user=request.user,
            )
            request.session["services_new_code"] = created.tracking_code
            return redirect("services:track", code=created.tracking_code)
        if refusal is None:
            status = 400
    else:
        form = RequestForm(kind=kind, declared=declared, notice=notice)
    return render(
        request,
        "services/request_form.html",
        {
            "kind": kind,
            "form": form,
            "notice": notice,
            "refusal": refusal,
            "groups": form.layout(),
            "map_data": _map_data() if kind.ask_location else None,
            "breadcrumbs": _crumbs((kind.name, None)),
        },
        status=status,
    )


def _map_data():
    """The tiles and first view for the location picker (static/js/services-location.js)."""
    profile = SiteProfile.current()
    if settings.MAP_CENTER:
        center = list(settings.MAP_CENTER)
    elif profile.latitude is not None and profile.longitude is not None:
        center = [float(profile.latitude), float(profile.longitude)]
    else:
        center = [13.7563, 100.5018]
    tiles = {
        "url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "maxZoom": settings.MAP_TILE_MAX_ZOOM,
    }
    return {"tiles": tiles, "center": center, "zoom": settings.MAP_ZOOM}


def _not_found(request, form=None, status=404):
    """The one answer for a code that is wrong, malformed or unknown: nobody learns which."""
    return render(
        request,
        "services/track_lookup.html",
        {"form": form or TrackForm(), "not_found": status == 404, "limited": status == 429,
         "breadcrumbs": _crumbs(("ติดตามเรื่อง", None))},
        status=status,
    )  # fmt: skip


def _limited(request):
    return hit_rate_limit(request, "track-miss", TRACK_LOOKUP_LIMIT)


def _lookup(request, raw_code):
    """The request for a code, or None. Unknown codes count against the address's lookup limit."""
    code = normalise_tracking_code(raw_code)
    found = ServiceRequest.all_requests.select_related("kind").filter(tracking_code=code).first() if code else None
    return found


def track_lookup(request):
    if "code" not in request.GET:
        return render(
            request, "services/track_lookup.html", {"form": TrackForm(), "breadcrumbs": _crumbs(("ติดตามเรื่อง", None))}
        )
    form = TrackForm(request.GET)
    if not form.is_valid():
        return _not_found(request, form, status=400)
    found = _lookup(request, form.cleaned_data["code"])
    if found is None:
        return _not_found(request, form, status=429 if _limited(request) else 404)
    return redirect("services:track", code=found.tracking_code)


def _tracked_or_response(request, code):
    found = _lookup(request, code)
    if found is None or found.tracking_code != code:
        return None, _not_found(request, status=429 if _limited(request) else 404)
    return found, None


@never_cache  # one resident's request: no shared cache (ours or a proxy's) keeps it
def track(request, code):
    found, response = _tracked_or_response(request, code)
    if response:
        return response
    events = [event for event in found.events.all() if event.is_public]
    is_new = request.session.pop("services_new_code", None) == found.tracking_code
    return render(
        request,
        "services/track_detail.html",
        {
            "item": found,
            "events": events,
            "is_new": is_new,
            "follow_up_form": FollowUpForm() if found.is_open else None,
            "survey_open": found.status == Status.DONE and not SurveyResponse.objects.filter(request=found).exists(),
            "breadcrumbs": _crumbs(("ติดตามเรื่อง", reverse("services:track_lookup")), (found.code_display, None)),
        },
    )


@require_POST
def follow_up(request, code):
    found, response = _tracked_or_response(request, code)
    if response:
        return response
    form = FollowUpForm(request.POST)
    refusal = None
    status = 200
    try:
        check_post(request)
    except SpamRefusal as error:
        refusal, status = error, error.status
    if refusal is None and form.is_valid():
        try:
            services.follow_up_add(request=found, message=form.cleaned_data["message"])
        except services.RequestClosed as closed:
            messages.error(request, closed.message)
        else:
            messages.success(request, "ส่งข้อความเพิ่มเติมเรียบร้อยแล้ว เจ้าหน้าที่จะเห็นข้อความนี้ในเรื่องของท่าน")
        return redirect("services:track", code=found.tracking_code)
    events = [event for event in found.events.all() if event.is_public]
    return render(
        request,
        "services/track_detail.html",
        {"item": found, "events": events, "follow_up_form": form, "refusal": refusal,
         "breadcrumbs": _crumbs(("ติดตามเรื่อง", reverse("services:track_lookup")), (found.code_display, None))},
        status=status if refusal else 400,
    )  # fmt: skip


# --- satisfaction survey ------------------------------------------------------------------------------


def _survey(request, *, scope, found=None):
    questions = survey_questions(scope)
    form = SurveyForm(request.POST or None, questions=questions)
    refusal = None
    status = 200
    if request.method == "POST":
        try:
            check_post(request)
        except SpamRefusal as error:
            refusal, status = error, error.status
        if refusal is None and form.is_valid():
            try:
                services.survey_submit(
                    scope=scope, scores=form.scores(), comment=form.cleaned_data.get("comment", ""), request=found
                )
            except services.SurveyAlreadyAnswered as answered:
                messages.info(request, answered.message)
            else:
                messages.success(request, "ขอบคุณที่ตอบแบบสำรวจความพึงพอใจ")
            return redirect(found.tracking_url() if found else reverse("services:survey_results"))
        status = status if refusal else 400
    return render(
        request,
        "services/survey_form.html",
        {"form": form, "refusal": refusal, "item": found, "breadcrumbs": _crumbs(("แบบสำรวจความพึงพอใจ", None))},
        status=status,
    )


def survey(request):
    return _survey(request, scope=SurveyResponse.Scope.YEARLY)


def survey_after_request(request, code):
    found, response = _tracked_or_response(request, code)
    if response:
        return response
    if found.status != Status.DONE:
        messages.info(request, "แบบสำรวจความพึงพอใจจะเปิดเมื่อเรื่องเสร็จสิ้นแล้ว")
        return redirect(found.tracking_url())
    if SurveyResponse.objects.filter(request=found).exists():
        messages.info(request, services.SurveyAlreadyAnswered.message)
        return redirect(found.tracking_url())
    return _survey(request, scope=SurveyResponse.Scope.AFTER_REQUEST, found=found)


def _year_param(request, years):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[0]
    return year if year in years else years[0]


def survey_results(request):
    years = stats.available_years()
    survey_years = sorted(set(SurveyResponse.objects.values_list("fiscal_year", flat=True)) | set(years), reverse=True)
    year = _year_param(request, survey_years)
    rows = (
        SurveyAnswer.objects.filter(response__fiscal_year=year)
        .values("question_id", "question__text", "response__scope")
        .annotate(average=Avg("score"), count=Count("pk"))
        .order_by("question__order", "question_id", "response__scope")
    )
    responses = SurveyResponse.objects.filter(fiscal_year=year).aggregate(
        total=Count("pk"), comments=Count("pk", filter=~Q(comment=""))
    )
    results = [
        {**row, "scope_label": SurveyResponse.Scope(row["response__scope"]).label, "percent": row["average"] / 5 * 100}
        for row in rows
    ]
    return render(
        request,
        "services/survey_results.html",
        {"year": year, "years": survey_years, "results": results, "responses": responses,
         "breadcrumbs": _crumbs(("ผลการสำรวจความพึงพอใจ", None))},
    )  # fmt: skip


# --- statistics ---------------------------------------------------------------------------------------


def statistics_index(request):
    return render(
        request,
        "services/statistics_index.html",
        {"scopes": stats.SCOPES.values(), "year": fiscal_year_of(timezone.localdate()),
         "breadcrumbs": _crumbs(("สถิติ", None))},
    )  # fmt: skip


def _drill_down_url(scope, user):
    """The admin list behind a statistic, for staff who may open it: sealed reports only for their group."""
    if not (user.is_authenticated and user.is_staff):
        return None
    if scope.slug == "corruption":
        return reverse("admin:services_sealedreport_changelist") if can_open_sealed(user) else None
    if user.has_perm("services.view_servicerequest"):
        return reverse("admin:services_servicerequest_changelist")
    return None


def statistics(request, scope):
    scope = stats.SCOPES.get(scope)
    if scope is None:
        raise Http404
    years = stats.available_years()
    year = _year_param(request, years)
    result = stats.compute(scope, year)
    chart_rows = [
        {"bucket": bucket, "x": index * 30 + 4, "height": round(bucket.received / result.chart_max * 120, 1)}
        for index, bucket in enumerate(result.months)
    ]
    for row in chart_rows:
        row["y"] = 130 - row["height"]
    return render(
        request,
        "services/statistics.html",
        {
            "scope": scope,
            "year": year,
            "years": years,
            "result": result,
            "chart_rows": chart_rows,
            "drill_down_url": _drill_down_url(scope, request.user),
            "breadcrumbs": _crumbs(("สถิติ", reverse("services:statistics_index")), (scope.title, None)),
        },
    )


def statistics_csv(request, scope, year):
    scope = stats.SCOPES.get(scope)
    if scope is None or not 2400 < year < 2800:
        raise Http404
    result = stats.compute(scope, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{scope.slug}-{year}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["ปีงบประมาณ", "กลุ่ม", "รายการ", "รับเรื่อง", "เสร็จสิ้น", "กำลังดำเนินการ", "ไม่รับเรื่อง", "มัธยฐานวันที่ใช้"])
    for group, buckets in (("เดือน", result.months), ("ประเภท", result.kinds), ("หน่วยงาน", result.units),
                           ("รวม", [result.total])):  # fmt: skip
        for b in buckets:
            writer.writerow(
                csv_safe.row(
                    [
                        year,
                        group,
                        b.label,
                        b.received,
                        b.finished,
                        b.in_progress,
                        b.refused,
                        "" if b.median_days is None else b.median_days,
                    ]
                )  # fmt: skip
            )
    return response


# --- published questions and answers ------------------------------------------------------------------


def question_list(request):
    query = (request.GET.get("q") or "").strip()[:100]

    def questions():
        published = PublishedQuestion.objects.published()
        return published.filter(Q(question__icontains=query) | Q(answer__icontains=query)) if query else published

    # Compiled once per words searched (core/compiled.py), as the directory's search is.
    page = CompiledPaginator(("services.questions", query), questions, QUESTIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "services/question_list.html",
        {"page_obj": page, "questions": page.object_list, "query": query,
         "ask_kind": first_or_none(
             ("services.ask_kind",), lambda: RequestKind.objects.published().filter(category=Category.QUESTION)
         ),
         "breadcrumbs": _crumbs(("ถามตอบ", None))},
    )  # fmt: skip


def question_detail(request, pk):
    question = get_or_404(
        ("services.question", can_preview(request.user, PublishedQuestion)),
        lambda pk: PublishedQuestion.objects.visible_to(request.user).filter(pk=pk),
        pk,
    )
    return render(
        request,
        "services/question_detail.html",
        {"question": question, "breadcrumbs": _crumbs(("ถามตอบ", reverse("services:questions")), ("คำถาม", None))},
    )
