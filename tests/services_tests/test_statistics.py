"""Statistics per Thai fiscal year equal counts made directly from the rows, across a fiscal-year
boundary, on whichever database runs the suite; "no corruption reports this year" when that is true."""

import datetime
import statistics as pystats

import pytest
from django.urls import reverse
from django.utils import timezone

from core.fiscal_year import fiscal_year_bounds, fiscal_year_of
from services import statistics as stats
from services.models import ServiceRequest, Status
from tests.services_tests.conftest import make_request

pytestmark = pytest.mark.django_db
BANGKOK = timezone.get_fixed_timezone(7 * 60)


def test_the_fiscal_year_is_named_by_the_buddhist_year_it_ends_in():
    assert fiscal_year_of(datetime.date(2025, 10, 1)) == 2569
    assert fiscal_year_of(datetime.date(2025, 9, 30)) == 2568
    assert fiscal_year_of(datetime.date(2026, 9, 30)) == 2569
    assert fiscal_year_bounds(2569) == (datetime.date(2025, 10, 1), datetime.date(2026, 9, 30))


def at(y, m, d, hour=12):
    return datetime.datetime(y, m, d, hour, tzinfo=BANGKOK)


@pytest.fixture
def across_the_boundary(complaint_kind, corruption_kind):
    """Requests on both sides of 1 October 2025 (2568 | 2569), one at 00:30 Bangkok time on the 1st:
    still 30 September in UTC, already fiscal 2569 in Thailand."""
    rows = [
        (at(2025, 9, 30, 23), Status.DONE, 3),
        (at(2025, 10, 1, 0), Status.DONE, 5),  # 00:00 Bangkok = 17:00 UTC on 30 September
        (at(2025, 10, 15), Status.REFUSED, 1),
        (at(2025, 11, 2), Status.IN_PROGRESS, None),
        (at(2026, 3, 3), Status.FORWARDED, None),
        (at(2026, 9, 30, 23), Status.DONE, 10),
        (at(2026, 10, 1, 1), Status.RECEIVED, None),
    ]
    for created, status, days in rows:
        finished = created + datetime.timedelta(days=days) if days is not None else None
        if status == Status.REFUSED:
            finished = created + datetime.timedelta(days=1)
        make_request(complaint_kind, created_at=created, status=status, finished_at=finished)
    make_request(corruption_kind, created_at=at(2025, 12, 1), status=Status.RECEIVED)


def direct_counts(categories, be_year):
    low, high = stats.local_bounds(be_year)
    rows = ServiceRequest.all_requests.filter(kind__category__in=categories, created_at__gte=low, created_at__lt=high)
    done = rows.filter(status=Status.DONE)
    days = [(r.finished_at - r.created_at) / datetime.timedelta(days=1) for r in done]
    return {
        "received": rows.count(),
        "finished": done.count(),
        "refused": rows.filter(status=Status.REFUSED).count(),
        "in_progress": rows.filter(status__in=[Status.RECEIVED, Status.IN_PROGRESS, Status.FORWARDED]).count(),
        "median": round(pystats.median(days), 1) if days else None,
    }


@pytest.mark.parametrize("year", [2568, 2569, 2570])
@pytest.mark.parametrize("scope", ["services", "complaints", "corruption"])
def test_the_figures_equal_counts_made_from_the_rows(across_the_boundary, scope, year):
    result = stats.compute(stats.SCOPES[scope], year)
    expected = direct_counts(stats.SCOPES[scope].categories, year)
    total = result.total
    assert (total.received, total.finished, total.refused, total.in_progress, total.median_days) == (
        expected["received"], expected["finished"], expected["refused"], expected["in_progress"], expected["median"],
    )  # fmt: skip
    assert sum(b.received for b in result.months) == total.received
    assert sum(b.received for b in result.kinds) == total.received == sum(b.received for b in result.units)


def test_the_boundary_falls_at_midnight_in_thailand(across_the_boundary):
    complaints = stats.SCOPES["complaints"]
    assert stats.compute(complaints, 2568).total.received == 1
    result = stats.compute(complaints, 2569)
    assert result.total.received == 5
    october = result.months[0]
    assert october.key == (2025, 10) and october.received == 2 and october.finished == 1 and october.refused == 1
    assert result.total.median_days == 7.5  # the 5 and the 10 days


def test_the_corruption_page_says_there_were_none_when_that_is_true(client, corruption_kind):
    year = fiscal_year_of(timezone.localdate())
    page = client.get(reverse("services:statistics", kwargs={"scope": "corruption"}), {"year": year})
    assert "ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบในปีงบประมาณนี้" in page.content.decode()
    make_request(corruption_kind)
    page = client.get(reverse("services:statistics", kwargs={"scope": "corruption"}), {"year": year})
    assert "ไม่มีเรื่องร้องเรียนการทุจริต" not in page.content.decode()
    assert "<svg" in page.content.decode()


def test_the_csv_holds_the_same_figures(client, across_the_boundary):
    response = client.get(reverse("services:statistics_csv", kwargs={"scope": "complaints", "year": 2569}))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[-1].split(",")[:7] == ["2569", "รวม", "รวม", "5", "2", "2", "1"]


@pytest.mark.parametrize("url", ["statistics", "index", "questions", "survey_results", "track", "submit", "csv"])
def test_public_pages_run_a_constant_number_of_queries(client, complaint_kind, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (5, 50):
        ServiceRequest.all_requests.all().delete()
        items = [make_request(complaint_kind, status=Status.DONE, finished_at=timezone.now()) for _ in range(size)]
        target = {
            "statistics": reverse("services:statistics", kwargs={"scope": "services"}),
            "index": reverse("services:index"),
            "questions": reverse("services:questions"),
            "survey_results": reverse("services:survey_results"),
            "track": items[0].tracking_url(),
            "submit": reverse("services:submit", kwargs={"slug": complaint_kind.slug}),
            "csv": reverse(
                "services:statistics_csv", kwargs={"scope": "services", "year": fiscal_year_of(timezone.localdate())}
            ),
        }[url]
        client.get(target)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(target).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
