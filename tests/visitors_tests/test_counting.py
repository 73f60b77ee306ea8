"""Visitor statistics that track nobody: one visitor counted once a day, bots and logged-in people not at all,
no address, cookie or browser string stored, and a counter that costs a page nothing to draw."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import CLERK_GROUP, MEMBER_GROUP
from visitors.counting import TOTALS_CACHE_KEY, flush, forget_this_worker, record_view, totals
from visitors.models import DailySalt, DailyVisitor, DailyVisits, PathViews

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
ADDRESS = "203.0.113.77"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def counting_on(settings):
    from django.core.cache import cache

    cache.clear()
    forget_this_worker()
    settings.VISITORS_COUNTING = True
    yield
    forget_this_worker()


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


def test_counting_runs_above_any_page_cache(rf):
    middleware = settings.MIDDLEWARE
    counter = middleware.index("visitors.middleware.VisitorCountMiddleware")
    # A full-page cache's middleware (Django's or the project's) must come below, so its hits are counted.
    assert all(counter < index for index, name in enumerate(middleware) if "cache" in name.lower())
    assert counter < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")


class TestViewsAreWrittenTogether:
    """A worker keeps the views it counts and writes them every VISITORS_FLUSH_SECONDS in one transaction:
    a page costs no statement of its own, and no view is lost or counted twice."""

    @pytest.fixture(autouse=True)
    def held(self, settings):
        settings.VISITORS_FLUSH_SECONDS = 3600

    def test_views_cost_no_statement_until_they_are_written(self, rf):
        record_view(rf.get("/news/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=ADDRESS), "/news/")  # the day's salt
        with CaptureQueriesContext(connection) as queries:
            for number in range(50):
                record_view(rf.get("/sitemap/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"192.0.2.{number}"), "/sitemap/")
        assert len(queries) == 0
        assert not DailyVisits.objects.exists()

        flush()
        assert (today().visitors, today().page_views) == (51, 51)
        assert {row.path: row.views for row in PathViews.objects.all()} == {"/news/": 1, "/sitemap/": 50}

    def test_a_visitor_written_once_is_not_counted_again_by_a_later_flush(self, client):
        read(client, "/sitemap/")
        flush()
        read(client, "/news/")
        read(client, "/news/", address="198.51.100.9")
        flush()
        assert (today().visitors, today().page_views) == (2, 3)
        assert DailyVisitor.objects.count() == 2

    def test_another_worker_having_written_the_visitor_first_counts_them_once(self, client):
        read(client, "/sitemap/")
        flush()
        forget_this_worker()  # now this process is "another worker" that never saw them (same salt in the db)
        read(client, "/news/")
        flush()
        assert (today().visitors, today().page_views) == (1, 2)

    def test_views_are_written_once_the_interval_has_passed(self, client, settings):
        read(client, "/sitemap/")
        assert not DailyVisits.objects.exists()
        settings.VISITORS_FLUSH_SECONDS = 0
        read(client, "/news/")
        assert today().page_views == 2

    def test_the_footer_counter_is_recounted_when_views_are_written(self, client):
        read(client, "/sitemap/")
        flush()
        assert cache.get(TOTALS_CACHE_KEY)["today"] == 1

    def test_a_worker_stopping_writes_what_it_holds(self, client):
        import runpy

        read(client, "/sitemap/")
        hooks = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
        hooks["worker_exit"](server=None, worker=None)
        assert today().page_views == 1
