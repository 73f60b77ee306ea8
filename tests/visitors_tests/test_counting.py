"""Visitor statistics that track nobody: one visitor counted once a day, bots and logged-in people not at all,
no address, cookie or browser string stored, and a counter that costs a page nothing to draw."""

import time

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import CLERK_GROUP, MEMBER_GROUP
from visitors.counting import TOTALS_CACHE_KEY, record_view, totals
from visitors.models import DailySalt, DailyVisitor, DailyVisits, PathViews

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
ADDRESS = "203.0.113.77"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def counting_on(settings):
    from django.core.cache import cache

    cache.clear()
    settings.VISITORS_COUNTING = True


def read(client, path, user_agent=BROWSER, address=ADDRESS):
    response = client.get(path, HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    assert response.status_code == 200
    return response


def today():
    return DailyVisits.objects.get(date=timezone.localdate())


def test_one_visitor_is_counted_once_a_day_whatever_the_number_of_pages(client):
    for path in ["/sitemap/", "/news/", "/sitemap/", "/faq/"]:
        read(client, path)
    assert (today().visitors, today().page_views) == (1, 4)
    read(client, "/sitemap/", address="198.51.100.9")  # someone else
    assert (today().visitors, today().page_views) == (2, 5)
    views = {row.path: row.views for row in PathViews.objects.all()}
    assert views == {"/sitemap/": 3, "/news/": 1, "/faq/": 1}


def test_a_bot_is_not_counted(client):
    read(client, "/sitemap/", user_agent="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
    read(client, "/sitemap/", user_agent="")
    assert not DailyVisits.objects.exists()


@pytest.mark.parametrize("group", [CLERK_GROUP, MEMBER_GROUP])
def test_a_logged_in_clerk_or_member_is_not_counted(client, group):
    user = User.objects.create_user("someone", is_staff=group == CLERK_GROUP)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    read(client, "/sitemap/")
    assert not DailyVisits.objects.exists()


def test_no_address_browser_string_or_cookie_is_stored(client):
    response = read(client, "/sitemap/")
    assert not response.cookies
    stored = [
        str(value)
        for model in (DailyVisits, PathViews, DailySalt, DailyVisitor)
        for row in model.objects.values()
        for value in row.values()
    ]
    assert stored
    assert not any(ADDRESS in value or "Mozilla" in value or "Android" in value for value in stored)
    assert len(DailyVisitor.objects.get().digest) == 64  # a SHA-256, salted with the day's random salt


def test_yesterdays_salt_and_hashes_are_deleted_when_a_new_day_begins(client):
    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    DailySalt.objects.create(date=yesterday, salt="old")
    DailyVisitor.objects.create(date=yesterday, digest="a" * 64)
    read(client, "/sitemap/")
    assert list(DailySalt.objects.values_list("date", flat=True)) == [timezone.localdate()]
    assert list(DailyVisitor.objects.values_list("date", flat=True)) == [timezone.localdate()]


def test_the_footer_counter_is_drawn_from_the_cache_without_a_query(client, django_assert_max_num_queries):
    read(client, "/sitemap/")
    read(client, "/news/", address="198.51.100.9")
    totals(refresh=True)
    response = read(client, "/sitemap/")
    content = response.content.decode()
    assert "<dt>วันนี้</dt><dd>2 คน</dd>" in content
    assert "<dt>ทั้งหมด</dt><dd>2 คน" in content
    from django.core.cache import cache

    assert cache.get(TOTALS_CACHE_KEY)["month"] == 2


def test_counting_runs_above_any_page_cache_and_costs_little(rf):
    middleware = settings.MIDDLEWARE
    counter = middleware.index("visitors.middleware.VisitorCountMiddleware")
    # A full-page cache's middleware (Django's or the project's) must come below, so its hits are counted.
    assert all(counter < index for index, name in enumerate(middleware) if "cache" in name.lower())
    assert counter < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")

    request = rf.get("/news/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=ADDRESS)
    record_view(request, "/news/")  # the day's salt and rows exist from here on
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        runs = 50
        for number in range(runs):
            record_view(rf.get("/news/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"192.0.2.{number}"), "/news/")
        per_view_ms = (time.perf_counter() - started) * 1000 / runs
    print(f"\nrecording a page view: {per_view_ms:.2f} ms, {len(queries) / runs:.1f} queries (new visitor)")
    assert len(queries) / runs <= 6  # savepoints included; each statement touches one row
    assert per_view_ms < 50
