"""Anonymous visitors get whole pages from a shared cache, and every change shows on the next request.

The cache is off for the rest of the suite (settings/test.py); the `page_cache` fixture turns it on with
an empty cache of its own. Inside a test case's transaction (which never commits) a write still draws a
new generation at once, which is what these tests see; after a real commit it is drawn again.
"""

import datetime
import hashlib
import os
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date

from core import page_cache
from core.models import MenuItem, SiteProfile
from pages.models import Announcement
from tests.pages_tests.builders import announcement, category, clerk

ROOT = Path(__file__).resolve().parent.parent.parent
HIT = page_cache.HIT_HEADER


@pytest.fixture
def site(db, page_cache_on):
    SiteProfile.objects.create(name="องค์การบริหารส่วนตำบลทดสอบ", short_name="อบต.ทดสอบ")
    MenuItem.objects.create(title="ข่าวสาร", url="/news/", order=1)
    news = category("news", "ข่าวประชาสัมพันธ์", home_section="list")
    return announcement(news, "ประกาศรับสมัครงาน")


def get(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code in (200, 304, 404), (path, response.status_code)
    return response


def text(response):
    return response.content.decode()


def menu_of(response):
    page = text(response)
    return page[page.index('id="site-nav"') : page.index("</nav>", page.index('id="site-nav"'))]


class TestAnonymousPagesAreCached:
    def test_the_second_request_is_served_from_the_cache_without_sql(self, client, site):
        first = get(client, "/news/")
        assert first[HIT] == "miss"
        with CaptureQueriesContext(connection) as queries:
            second = get(client, "/news/")
        assert second[HIT] == "hit"
        assert len(queries) == 0
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
        for header in ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Vary"):
            assert second[header] == first[header], header

    def test_each_address_and_query_string_is_its_own_page(self, client, site):
        get(client, "/news/")
        assert get(client, "/news/?page=2")[HIT] == "miss"
        assert get(client, "/")[HIT] == "miss"

    def test_cached_pages_carry_no_csrf_token_and_set_no_cookie(self, client, site):
        for path in ("/", "/news/", site.get_absolute_url()):
            get(client, path)
            response = get(client, path)
            assert response[HIT] == "hit"
            assert "csrfmiddlewaretoken" not in text(response)
            assert not response.cookies

    @pytest.mark.parametrize(
        "spoil",
        [
            lambda response: response.set_cookie("seen", "1"),
            lambda response: response.__setitem__("Cache-Control", "private"),
            lambda response: response.__setitem__("Cache-Control", "no-store"),
            lambda response: response.__setitem__("Vary", "Accept"),
        ],
    )
    def test_a_personal_or_private_response_is_not_kept(self, rf, spoil):
        from django.http import HttpResponse

        request = rf.get("/")
        assert page_cache._response_is_cacheable(request, HttpResponse("page"))
        response = HttpResponse("page")
        spoil(response)
        assert not page_cache._response_is_cacheable(request, response)

    def test_a_response_that_used_the_csrf_token_where_the_cache_cannot_find_it_is_not_kept(self, rf):
        from django.http import HttpResponse
        from django.middleware.csrf import get_token

        request = rf.get("/")
        token = get_token(request)
        response = HttpResponse(f"<script>const token = '{token}';</script>")
        assert page_cache._make_entry(request, response, ((), ()), 0, 0) is None

    def test_not_found_and_redirects_are_not_kept(self, client, site):
        assert get(client, "/news/no-such-category/").status_code == 404
        redirect = client.get(f"/news/old-category/{site.pk}/")
        assert redirect.status_code == 301
        assert HIT not in redirect

    def test_the_admin_and_log_in_pages_are_never_cached(self, client, site):
        for path in ("/accounts/login/", "/admin/login/"):
            client.get(path)
            assert HIT not in client.get(path)


class TestPartsDrawnForEachVisitor:
    """Forms and the visitor counter are served from the cache too; what must be each visitor's own (the
    CSRF token, the time the form was shown) or current (the counter) is drawn again for each request."""

    @pytest.fixture
    def survey(self, site, settings):
        from services.models import SurveyQuestion

        SurveyQuestion.objects.create(text="ความพึงพอใจโดยรวม", scope=SurveyQuestion.Scope.BOTH, order=1)
        return reverse("services:survey")

    @staticmethod
    def hidden(response, name):
        import re

        return re.search(rf'name="{name}" value="([^"]*)"', text(response)).group(1)

    def test_a_form_page_is_served_from_the_cache_with_a_token_of_the_visitors_own(self, survey):
        first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
        rendered = get(first, survey)
        served = get(second, survey)
        assert (rendered[HIT], served[HIT]) == ("miss", "hit")
        assert self.hidden(served, "csrfmiddlewaretoken") != self.hidden(rendered, "csrfmiddlewaretoken")
        assert settings.CSRF_COOKIE_NAME in served.cookies
        # Its own token, a proxy may not keep it, and no 304 can bring back an old one.
        assert "private" in served["Cache-Control"] and "ETag" not in served
        posted = second.post(survey, {"csrfmiddlewaretoken": self.hidden(served, "csrfmiddlewaretoken")})
        assert posted.status_code != 403

    def test_a_visitor_who_has_a_csrf_cookie_keeps_it(self, survey):
        visitor = Client(enforce_csrf_checks=True)
        get(visitor, survey)
        cookie = visitor.cookies[settings.CSRF_COOKIE_NAME].value
        served = get(visitor, survey)
        assert served[HIT] == "hit"
        assert visitor.cookies[settings.CSRF_COOKIE_NAME].value == cookie
        posted = visitor.post(survey, {"csrfmiddlewaretoken": self.hidden(served, "csrfmiddlewaretoken")})
        assert posted.status_code != 403

    def test_the_time_a_form_was_shown_is_the_time_it_was_served(self, survey, monkeypatch):
        import time

        from services.spam import form_started_at

        get(Client(), survey)
        later = time.time() + 120
        monkeypatch.setattr(time, "time", lambda: later)
        served = get(Client(), survey)
        assert served[HIT] == "hit"
        # To the hundredth of a second, never earlier than it was served.
        assert later - 1e-6 <= form_started_at(self.hidden(served, "form_started")) <= later + 0.01

    def test_the_counter_shows_the_current_totals_on_a_cached_page(self, client, site, settings):
        from visitors import counting

        settings.VISITORS_COUNTING = True
        counting.forget_this_worker()
        browser = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36"}
        assert get(client, "/news/", REMOTE_ADDR="192.0.2.1", **browser)[HIT] == "miss"
        counting.forget_this_worker()  # the counter's few seconds of memory
        served = get(client, "/news/", REMOTE_ADDR="192.0.2.2", **browser)
        # Counting views wrote rows, and yet the page still came from the cache, with the new totals.
        assert served[HIT] == "hit"
        assert "<dt>วันนี้</dt><dd>1 คน</dd>" in text(served)
        counting.forget_this_worker()
        assert "<dt>วันนี้</dt><dd>2 คน</dd>" in text(get(client, "/news/", **browser))

    def test_a_worker_answers_a_page_it_served_without_asking_the_shared_cache(self, client, site):
        get(client, "/news/")
        caches[settings.PAGE_CACHE_ALIAS].clear()  # as if the shared cache had evicted it
        assert get(client, "/news/")[HIT] == "hit"
        site.title = "ประกาศฉบับแก้ไข"
        site.save()
        edited = get(client, "/news/")
        assert edited[HIT] == "miss" and "ประกาศฉบับแก้ไข" in text(edited)


class TestAWorkerWhoseCopyIsOutOfDate:
    """Another worker of the host is played by rendering the page with this worker's copies put aside."""

    @staticmethod
    def kept_by_another_worker(client, path):
        own = page_cache._LOCAL._entries.copy()
        page_cache._LOCAL.clear()
        assert get(client, path)[HIT] == "miss"  # rendered afresh and kept in the shared cache
        page_cache._LOCAL.clear()
        page_cache._LOCAL._entries.update(own)

    def edited_and_kept_by_another_worker(self, client, site):
        get(client, "/news/")
        site.title = "ประกาศฉบับแก้ไข"
        site.save()
        self.kept_by_another_worker(client, "/news/")

    def test_takes_the_copy_another_worker_of_the_host_kept_since(self, client, site):
        self.edited_and_kept_by_another_worker(client, site)

        served = get(client, "/news/")

        assert served[HIT] == "hit" and "ประกาศฉบับแก้ไข" in text(served)

    def test_renders_afresh_without_asking_the_shared_cache_when_no_worker_of_the_host_kept_it_since(
        self, client, site
    ):
        self.edited_and_kept_by_another_worker(client, site)
        key = next(iter(page_cache._LOCAL._entries))
        page_cache._LOCAL._entries[key]["mark"] = page_cache._host_page_mark(key)  # as if nobody had kept it

        served = get(client, "/news/")

        # The shared cache's copy is current, but this worker was not told of it: it renders the page itself.
        assert served[HIT] == "miss" and "ประกาศฉบับแก้ไข" in text(served)

    def test_on_several_machines_always_asks_the_shared_cache(self, client, site, settings):
        settings.PAGE_CACHE_GENERATION_FILE = ""
        get(client, "/news/")
        site.title = "ประกาศฉบับแก้ไข"
        site.save()
        self.kept_by_another_worker(client, "/news/")

        assert get(client, "/news/")[HIT] == "hit"


class TestEveryChangeShowsOnTheNextRequest:
    def test_an_edit(self, client, site):
        assert "ประกาศรับสมัครงาน" in text(get(client, "/news/"))
        site.title = "ประกาศผลการสอบ"
        site.save()
        response = get(client, "/news/")
        assert "ประกาศผลการสอบ" in text(response) and "ประกาศรับสมัครงาน" not in text(response)

    def test_a_delete(self, client, site):
        detail = site.get_absolute_url()
        assert get(client, detail).status_code == 200
        get(client, "/")
        site.delete()
        assert get(client, detail).status_code == 404
        assert "ประกาศรับสมัครงาน" not in text(get(client, "/"))

    def test_a_menu_change_shows_on_every_page(self, client, site):
        paths = ["/", "/news/", site.get_absolute_url()]
        for path in paths:
            get(client, path)
        MenuItem.objects.filter(title="ข่าวสาร").update(title="ข่าวและกิจกรรม")
        for path in paths:
            assert "ข่าวและกิจกรรม" in text(get(client, path)), path

    def test_a_reorder_through_a_bulk_update(self, client, site):
        MenuItem.objects.create(title="แผนพัฒนา", url="/plans/", order=2)
        before = menu_of(get(client, "/"))
        assert before.index("ข่าวสาร") < before.index("แผนพัฒนา")
        MenuItem.objects.filter(title="แผนพัฒนา").update(order=0)
        after = menu_of(get(client, "/"))
        assert after.index("แผนพัฒนา") < after.index("ข่าวสาร")

    def test_a_profile_change_shows_on_every_page(self, client, site):
        for path in ("/", "/news/"):
            get(client, path)
        profile = SiteProfile.current()
        profile.phone = "0 5599 1234"
        profile.save()
        for path in ("/", "/news/"):
            assert "0 5599 1234" in text(get(client, path)), path

    def test_a_scheduled_item_appears_at_its_time(self, client, site, monkeypatch):
        publish_at = timezone.now() + datetime.timedelta(minutes=30)
        Announcement.objects.create(
            category=site.category, title="ประกาศตั้งเวลา", status="published", publish_at=publish_at
        )
        assert "ประกาศตั้งเวลา" not in text(get(client, "/news/"))
        assert get(client, "/news/")[HIT] == "hit"  # still before its time: the cache serves

        later = publish_at + datetime.timedelta(seconds=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        assert "ประกาศตั้งเวลา" in text(get(client, "/news/"))

    def test_an_item_scheduled_after_the_schedule_was_worked_out_appears_at_its_time(self, client, site, monkeypatch):
        get(client, "/news/")  # the schedule worked out: nothing due before midnight
        publish_at = timezone.now() + datetime.timedelta(minutes=30)
        Announcement.objects.create(
            category=site.category, title="ประกาศตั้งเวลา", status="published", publish_at=publish_at
        )
        assert "ประกาศตั้งเวลา" not in text(get(client, "/news/"))

        later = publish_at + datetime.timedelta(seconds=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        assert "ประกาศตั้งเวลา" in text(get(client, "/news/"))

    def test_the_time_fields_of_published_querysets_are_found_by_themselves(self):
        assert ("pages.Announcement", "publish_at") in page_cache.schedule_fields()

    def test_no_entry_outlives_the_next_midnight(self, site):
        now = timezone.now()
        moment = page_cache.next_scheduled_change(now)
        tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
        midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
        assert now.timestamp() < moment <= midnight.timestamp()


class TestTheShellIsRenderedFromACachedFragment:
    def test_a_fresh_render_reads_the_profile_and_the_menu_from_the_cache(self, client, site, settings):
        settings.PAGE_CACHE_ENABLED = False
        with CaptureQueriesContext(connection) as queries:
            client.get("/news/")
        without_fragments = len(queries)  # counted now: the next request empties Django's query log
        settings.PAGE_CACHE_ENABLED = True
        get(client, "/")  # the first page of this generation computes the shell's data
        with CaptureQueriesContext(connection) as queries:
            assert get(client, "/news/")[HIT] == "miss"
        assert len(queries) == without_fragments - 2

    def test_the_fragments_follow_every_change(self, client, site):
        get(client, "/")
        MenuItem.objects.create(title="ติดต่อเรา", url="/news/", order=5)
        assert "ติดต่อเรา" in menu_of(get(client, "/news/"))
        profile = SiteProfile.objects.get()
        profile.phone = "0 5599 0000"
        profile.save()
        assert "0 5599 0000" in text(get(client, "/news/"))

    def test_an_edit_of_something_else_keeps_them(self, client, site):
        get(client, "/")
        news = site.category
        news.title = "ข่าวประชาสัมพันธ์ประจำเดือน"
        news.save()
        with CaptureQueriesContext(connection) as queries:
            edited = get(client, "/news/")
        assert edited[HIT] == "miss" and "ข่าวประชาสัมพันธ์ประจำเดือน" in text(edited)
        read = " ".join(query["sql"] for query in queries)
        assert "core_menuitem" not in read and "core_siteprofile" not in read
        # Nor is the next scheduled change worked out again: no table with a schedule was written.
        assert not any(asks_when_the_next_announcement_is_due(query["sql"]) for query in queries)

    def test_a_change_to_a_table_with_a_schedule_works_it_out_again(self, client, site):
        get(client, "/")
        announcement(site.category, "ประกาศล่วงหน้า", days_ago=-1)
        with CaptureQueriesContext(connection) as queries:
            get(client, "/news/")
        assert any(asks_when_the_next_announcement_is_due(query["sql"]) for query in queries)


def asks_when_the_next_announcement_is_due(sql):
    """The first announcement still to come (core.page_cache._next_change_of), whoever its status."""
    return 'FROM "pages_announcement" WHERE "pages_announcement"."publish_at" >' in sql and sql.endswith("LIMIT 1")


class TestDraftsAndLoggedInUsers:
    def test_a_draft_never_leaks_into_a_cached_page(self, client, site):
        draft = announcement(site.category, "ร่างประกาศลับ", status=Announcement.Status.DRAFT)
        for path in ("/", "/news/", f"/news/{site.category.slug}/"):
            get(client, path)
            assert "ร่างประกาศลับ" not in text(get(client, path))
        assert get(client, draft.get_absolute_url()).status_code == 404

    def test_a_clerks_preview_never_enters_the_cache(self, client, site):
        draft = announcement(site.category, "ร่างประกาศลับ", status=Announcement.Status.DRAFT)
        client.force_login(clerk())
        preview = client.get(draft.get_absolute_url())
        assert preview.status_code == 200 and "ร่างประกาศลับ" in text(preview)
        assert HIT not in preview
        news = client.get("/news/")
        assert HIT not in news
        client.logout()
        assert get(client, draft.get_absolute_url()).status_code == 404
        anonymous = get(client, "/news/")
        assert anonymous[HIT] == "miss"
        assert "ออกจากระบบ" not in text(anonymous)

    def test_logged_in_users_always_get_fresh_pages(self, client, site):
        get(client, "/news/")  # cached for the public
        client.force_login(clerk())
        response = client.get("/news/")
        assert HIT not in response
        assert "ออกจากระบบ" in text(response)

    def test_a_visitor_with_a_waiting_message_gets_a_fresh_page(self, client, site):
        get(client, "/news/")
        client.cookies["messages"] = "anything"
        assert HIT not in client.get("/news/")


class TestConditionalRequests:
    def test_an_unchanged_page_answers_304_and_an_edited_one_200(self, client, site):
        first = get(client, "/news/")
        assert first["ETag"] and first["Last-Modified"]
        assert "public" in first["Cache-Control"]
        not_modified = client.get("/news/", headers={"If-None-Match": first["ETag"]})
        assert not_modified.status_code == 304
        assert not_modified.content == b""

        site.title = "ประกาศฉบับแก้ไข"
        site.save()
        edited = client.get("/news/", headers={"If-None-Match": first["ETag"]})
        assert edited.status_code == 200
        assert "ประกาศฉบับแก้ไข" in text(edited)
        assert edited["ETag"] != first["ETag"]

    def test_if_modified_since(self, client, site):
        first = get(client, "/")
        assert client.get("/", headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304

    def test_a_page_edited_within_the_second_of_a_visitors_copy_is_not_called_unmodified_by_date(self, client, site):
        # The edit, and the next visitor's request that renders the page again, land within milliseconds of
        # the first visitor's copy: the same second, as HTTP dates go. That visitor then asks by date alone.
        first = get(client, "/news/")
        site.title = "ประกาศฉบับแก้ไข"
        site.save()
        rendered_again = get(client, "/news/")
        revalidated = client.get("/news/", headers={"If-Modified-Since": first["Last-Modified"]})
        assert revalidated.status_code == 200 and revalidated[HIT] == "hit"
        assert "ประกาศฉบับแก้ไข" in text(revalidated)
        # Dated a second after the first copy; not sent before that second has come (never ahead of the clock).
        if rendered_again.has_header("Last-Modified"):
            assert parse_http_date(rendered_again["Last-Modified"]) > parse_http_date(first["Last-Modified"])
            assert parse_http_date(rendered_again["Last-Modified"]) <= time.time()  # the test client sends no Date

    def test_a_page_that_comes_out_the_same_after_a_write_keeps_its_date(self, client, site):
        first = get(client, "/news/")
        Announcement.objects.filter(pk=site.pk).update(title=site.title)  # written, nothing changed
        rendered_again = get(client, "/news/")
        assert rendered_again[HIT] == "miss"
        assert rendered_again["Last-Modified"] == first["Last-Modified"]
        assert client.get("/news/", headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304

    def test_a_page_rendered_afresh_that_came_out_the_same_answers_304(self, client, site):
        first = get(client, "/news/")
        Announcement.objects.filter(pk=site.pk).update(title=site.title)  # written, nothing changed
        with CaptureQueriesContext(connection) as rendered:
            not_modified = client.get("/news/", headers={"If-None-Match": first["ETag"]})
        assert rendered.captured_queries  # rendered afresh, not served from the cache
        assert not_modified.status_code == 304 and not_modified.content == b""
        assert get(client, "/news/")[HIT] == "hit"  # and kept

    def test_a_page_the_cache_does_not_keep_is_answered_as_django_answers(self, client, site):
        missing = client.get("/news/no-such-category/")
        assert missing.status_code == 404 and HIT not in missing
        # Django's ConditionalGetMiddleware's ETag, of the page as sent (its marks taken out).
        assert missing["ETag"] == f'"{hashlib.md5(missing.content, usedforsecurity=False).hexdigest()}"'

    def test_head_is_served_from_the_cache(self, client, site):
        get(client, "/news/")
        head = client.head("/news/")
        assert head.status_code == 200 and head[HIT] == "hit"


def test_a_kept_response_is_the_response_django_makes_of_its_content_and_headers():
    from django.http import HttpResponse

    content = "<p>ข่าวประชาสัมพันธ์</p>".encode()
    by_django = HttpResponse(content, headers={"X-Frame-Options": "DENY"})
    kept = page_cache.KeptPageResponse(content, dict(by_django.headers._store))
    assert vars(kept) == vars(by_django)
    assert (kept.status_code, kept.reason_phrase, kept.charset) == (200, "OK", settings.DEFAULT_CHARSET)
    assert kept.content == content and kept.text == "<p>ข่าวประชาสัมพันธ์</p>"


class TestWhichWritesCount:
    @pytest.mark.parametrize(
        "sql, table",
        [
            ('UPDATE "pages_announcement" SET "title" = %s', "pages_announcement"),
            ('INSERT INTO "core_menuitem" ("title") VALUES (%s)', "core_menuitem"),
            ('DELETE FROM "staff_person" WHERE "id" = %s', "staff_person"),
            ('INSERT INTO "auth_user" ("username") VALUES (%s)', "auth_user"),
            ('INSERT INTO "some_new_app_thing" ("x") VALUES (%s)', "some_new_app_thing"),
        ],
    )
    def test_writes_to_the_projects_tables_count(self, sql, table, db):
        assert page_cache._written_tables(sql) == {table}

    @pytest.mark.parametrize(
        "sql",
        [
            'SELECT * FROM "pages_announcement"',
            'UPDATE "django_session" SET "session_data" = %s',
            'INSERT INTO "axes_accessattempt" ("username") VALUES (%s)',
            'INSERT INTO "django_admin_log" ("action_flag") VALUES (%s)',
        ],
    )
    def test_reads_and_bookkeeping_do_not(self, sql, db):
        assert page_cache._written_tables(sql) == set()

    def test_a_write_draws_a_new_generation_at_once_and_again_after_commit(
        self, db, django_capture_on_commit_callbacks
    ):
        before = page_cache.current_generation()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            MenuItem.objects.create(title="ใหม่", url="/news/")
            MenuItem.objects.create(title="ใหม่อีก", url="/news/")
            SiteProfile.objects.create(name="อบต.ทดสอบ", short_name="ทดสอบ")
        during = page_cache.current_generation()
        assert during != before
        # One draw after the commit, for every table the transaction wrote.
        [after_commit] = [callback for callback in callbacks if isinstance(callback, page_cache._WrittenInTransaction)]
        assert after_commit.tables == {"core_menuitem", "core_siteprofile"}

    def test_a_write_changes_the_version_of_its_own_table_only(self, db):
        menu, profile = page_cache.table_versions(["core_menuitem"]), page_cache.table_versions(["core_siteprofile"])
        MenuItem.objects.create(title="ใหม่", url="/news/")
        assert page_cache.table_versions(["core_menuitem"]) != menu
        assert page_cache.table_versions(["core_siteprofile"]) == profile

    def test_a_write_it_cannot_name_counts_for_every_table(self, db):
        assert page_cache._written_tables("MERGE USING staged ON true WHEN MATCHED THEN DELETE") is None
        profile = page_cache.table_versions(["core_siteprofile"])
        page_cache.bump_generation(page_cache._written_tables("MERGE USING staged ON true WHEN MATCHED THEN DELETE"))
        assert page_cache.table_versions(["core_siteprofile"]) != profile


def redis_is_up():
    try:
        import redis

        return redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except Exception:
        return False


REDIS_DB = 13  # a database of its own on a shared server; keys under a prefix unique to the run


@pytest.mark.skipif(not redis_is_up() and not os.environ.get("CI"), reason="Redis is not running on 127.0.0.1:6379")
class TestTwoProcessesSharingRedis:
    @pytest.fixture(params=["generation in a file", "generation in Redis"])
    def shared_redis(self, request, tmp_path):
        prefix = f"test-page-cache-{uuid.uuid4().hex[:12]}"
        location = f"redis://127.0.0.1:6379/{REDIS_DB}"
        shared = {"BACKEND": "core.cache.RedisCache", "LOCATION": location, "KEY_PREFIX": prefix}
        # Undone when the test ends, before the page cache's own fixture draws new versions (wherever the
        # settings then say) and before this run's keys are removed: nothing of it is left in Redis.
        with override_settings(
            CACHES={**settings.CACHES, "pages": shared},
            PAGE_CACHE_ENABLED=True,
            # One machine's workers share a mapped file; several machines' share Redis itself.
            PAGE_CACHE_GENERATION_FILE=str(tmp_path / "generation") if "file" in request.param else "",
        ):
            yield location, prefix
        import redis

        client = redis.Redis.from_url(location)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)

    def other_process(self, location, prefix, script):
        """Runs `script` in a second Django process that shares the Redis page cache, and returns its output."""
        program = textwrap.dedent(
            """
            import django, os
            django.setup()
            from django.db import connection
            from core import page_cache
            """
        ) + textwrap.dedent(script)
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "jomthong_site.settings.dev",
            "REDIS_URL": location,
            "PAGE_CACHE_KEY_PREFIX": prefix,
            "PAGE_CACHE_GENERATION_FILE": settings.PAGE_CACHE_GENERATION_FILE,
        }
        result = subprocess.run(
            [sys.executable, "-c", program], cwd=ROOT, env=environ_without_database(environment),
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def test_an_edit_in_one_process_invalidates_the_others_pages(self, client, site, shared_redis):
        location, prefix = shared_redis
        get(client, "/news/")
        assert get(client, "/news/")[HIT] == "hit"
        # The other worker saves an announcement: its database write passes the same watcher a save does.
        self.other_process(
            location,
            prefix,
            """
            watcher = page_cache.WriteWatcher(connection)
            watcher(lambda *args: None, 'UPDATE "pages_announcement" SET "title" = %s', ["x"], False, {})
            """,
        )
        assert get(client, "/news/")[HIT] == "miss"

    def test_this_process_invalidates_the_other_ones_view(self, client, site, shared_redis):
        location, prefix = shared_redis
        seen_before = self.other_process(location, prefix, "print(page_cache.current_generation())")
        assert seen_before == page_cache.current_generation()
        site.title = "ประกาศฉบับแก้ไข"
        site.save()
        seen_after = self.other_process(location, prefix, "print(page_cache.current_generation())")
        assert seen_after != seen_before
        assert seen_after == page_cache.current_generation()


def environ_without_database(environment):
    # The second process needs no database of its own for this: it never connects.
    environment.pop("DATABASE_URL", None)
    return environment


def test_the_page_cache_is_off_for_the_rest_of_the_suite(client, db):
    assert settings.PAGE_CACHE_ENABLED is False
    assert HIT not in client.get(reverse("pages:home"))


def test_a_generation_file_the_site_cannot_write_is_reported_at_start_up(settings, tmp_path):
    from core.checks import page_cache_generation_file_is_usable

    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    assert page_cache_generation_file_is_usable(None) == []
    (tmp_path / "folder-in-the-way").mkdir()
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "folder-in-the-way")
    assert [error.id for error in page_cache_generation_file_is_usable(None)] == ["core.E001"]


def test_the_tables_a_statement_reads_are_found_once_per_statement():
    sql = (
        'SELECT "pages_announcement"."id" FROM "pages_announcement" INNER JOIN "Pages_Category" '
        'ON ("pages_announcement"."category_id" = "Pages_Category"."id") WHERE "pages_announcement"."id" = %s'
    )
    assert page_cache.tables_read_by(sql) == {"pages_announcement", "pages_category"}
    assert page_cache.tables_read_by(sql) is page_cache.tables_read_by(sql)
    assert page_cache.tables_read_by(None) == frozenset()
