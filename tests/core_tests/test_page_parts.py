"""A page rendered afresh after an edit renders only what the edit changed: its parts are kept rendered
(core/parts.py), each until a table it depends on is written, and the page is the same either way."""

import re
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse

from bench.http_throughput import write_one_row_of_each
from core import page_cache
from core.models import MenuItem, SiteProfile
from pages.models import Announcement
from plans.forms import ProjectFilterForm
from plans.models import BudgetLine, Plan, Project

HIT = page_cache.HIT_HEADER


@pytest.fixture
def demo_content(demo_content_per_module, db):
    """The sample site, loaded once for the module."""


def page_types():
    """One address per kind of public page: the sitemap's and the menu's, by URL name (as make bench-http)."""
    client = Client()
    locations = ElementTree.fromstring(client.get("/sitemap.xml").content).iterfind(
        "sm:url/sm:loc", {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    )
    paths = {urlsplit(location.text).path for location in locations}
    paths |= {item.url for item in MenuItem.objects.visible() if item.url.startswith("/")}
    chosen = {"pages:home": "/", "search:results": "/search/?q=ถนน"}
    for path in sorted(paths, key=lambda p: (len(p), p)):
        try:
            chosen.setdefault(resolve(path).view_name, path)
        except Resolver404:
            continue
    return sorted(chosen.items())


def without_live_parts(response):
    """The page less what is drawn for each request (CSRF tokens, a form's start time, the visitor counter)."""
    pieces = page_cache.split_live_parts(response.content)
    return b"".join(piece for piece in pieces if isinstance(piece, bytes)).decode()


def the_pages_are_forgotten(*paths):
    """As when their entries expire or are pushed out of the cache: each page is rendered again on its next
    request, and every part of it is still current."""
    for path in paths:
        key = page_cache._entry_key(RequestFactory().get(path))
        page_cache._cache().delete(key)
        page_cache._LOCAL.discard(key)


def tables_each_page_type_shows(settings):
    """{(URL name, path): the project's tables its render reads with the cache off}; leaves the cache off."""
    from django.apps import apps

    models = {model._meta.db_table.lower() for model in apps.get_models(include_auto_created=True)}
    settings.PAGE_CACHE_ENABLED = False
    shown = {}
    for name, path in page_types():
        with CaptureQueriesContext(connection) as queries:
            Client().get(path)
        shown[name, path] = set().union(*(page_cache.tables_read_by(query["sql"]) for query in queries)) & models
    return shown


@pytest.fixture
def tables_read(monkeypatch):
    """The tables each page rendered since depends on (core.page_cache.RequestReads), in order."""
    seen = []
    original = page_cache.RequestReads.__init__

    def remember(self, *args, **kwargs):
        original(self, *args, **kwargs)
        seen.append(self.tables)

    monkeypatch.setattr(page_cache.RequestReads, "__init__", remember)
    return seen


def test_every_page_type_is_the_same_rendered_with_its_parts_or_from_them(demo_content, settings, tables_read):
    settings.PAGE_CACHE_ENABLED = False
    pages = page_types()
    assert len(pages) > 30
    plain = {name: without_live_parts(Client().get(path)) for name, path in pages}
    settings.PAGE_CACHE_ENABLED = True
    page_cache.clear()
    read_whole = {}
    try:
        for name, path in pages:
            rendered = Client().get(path)
            assert rendered[HIT] == "miss", name
            assert without_live_parts(rendered) == plain[name], name
            read_whole[name] = set(tables_read[-1])
        the_pages_are_forgotten(*(path for _, path in pages))
        for name, path in pages:
            from_parts = Client().get(path)
            assert from_parts[HIT] == "miss", name
            assert without_live_parts(from_parts) == plain[name], name
            # Kept with the same tables as when every query ran: an edit of any of them reaches it.
            assert tables_read[-1] == read_whole[name], name
    finally:
        page_cache.clear()


class TestWhatAnEditRendersAgain:
    def news_items_read(self, queries):
        return [q["sql"] for q in queries if 'FROM "pages_announcement"' in q["sql"] and "LIMIT" in q["sql"]]

    @staticmethod
    def first_request_after_a_profile_edit(path, **changes):
        profile = SiteProfile.current()
        for field, value in changes.items():
            setattr(profile, field, value)
        profile.save()
        with CaptureQueriesContext(connection) as queries:
            return Client().get(path), queries

    def test_a_profile_edit_renders_the_shell_again_and_keeps_the_list(self, demo_content, page_cache_on):
        first = Client().get("/news/")
        edited, queries = self.first_request_after_a_profile_edit("/news/", phone="0 5599 1234")
        assert "0 5599 1234" in edited.content.decode()
        assert self.news_items_read(queries) == []  # the list of news came from its part
        titles = re.findall(r'class="news-card__title"[^>]*>(.*?)<', first.content.decode(), re.S)
        assert titles and titles == re.findall(r'class="news-card__title"[^>]*>(.*?)<', edited.content.decode(), re.S)

    def test_a_news_edit_renders_the_list_again_and_keeps_the_shell(self, demo_content, page_cache_on):
        Client().get("/news/")
        item = Announcement.objects.published().order_by("-publish_at", "-pk").first()
        item.title = "ประกาศที่แก้ไขแล้ว"
        item.save()
        with CaptureQueriesContext(connection) as queries:
            edited = Client().get("/news/")
        assert "ประกาศที่แก้ไขแล้ว" in edited.content.decode()
        assert self.news_items_read(queries)
        read = " ".join(query["sql"] for query in queries)
        assert "core_menuitem" not in read and "core_siteprofile" not in read

    def test_a_profile_edit_renders_the_home_pages_hero_again_and_keeps_its_news(self, demo_content, page_cache_on):
        Client().get("/")
        edited, queries = self.first_request_after_a_profile_edit("/", slogan="คำขวัญใหม่ของตำบล")
        assert '<p class="hero__slogan">คำขวัญใหม่ของตำบล</p>' in edited.content.decode()
        read = " ".join(query["sql"] for query in queries)
        # The page's content came from its part; only its hero, a hole in it, was rendered again.
        assert "pages_announcement" not in read and "frontpage_banner" not in read

    def test_a_budget_edit_renders_the_plans_table_again_and_keeps_its_filter(self, demo_content, page_cache_on):
        plan = Plan.objects.get(slug="2553-2555")
        first = Client().get(plan.get_absolute_url()).content.decode()
        line = BudgetLine.objects.filter(project__strategy__plan=plan).order_by("pk").first()
        line.amount += 1_000_000
        line.save()
        with CaptureQueriesContext(connection) as queries:
            edited = Client().get(plan.get_absolute_url()).content.decode()
        total = re.compile(r'plan-stats__value">([\d,]+) บาท<')
        before, after = (int(total.search(page).group(1).replace(",", "")) for page in (first, edited))
        assert after == before + 1_000_000
        read = " ".join(query["sql"] for query in queries)
        assert "plans_budgetline" in read  # the table and the chart, rendered again
        assert "DISTINCT" not in read  # the filter's choices of units and villages: its part was kept
        form = re.search(r'<form class="plan-filters".*?</form>', edited, re.S).group(0)
        assert form == re.search(r'<form class="plan-filters".*?</form>', first, re.S).group(0)

    def test_a_project_edit_renders_the_plans_filter_again_only_when_its_choices_change(
        self, demo_content, page_cache_on, monkeypatch
    ):
        plan = Plan.objects.get(slug="2553-2555")
        project = Project.objects.filter(strategy__plan=plan).order_by("pk").first()
        forms_built = []
        build = ProjectFilterForm.__init__
        monkeypatch.setattr(ProjectFilterForm, "__init__", lambda *a, **kw: forms_built.append(1) or build(*a, **kw))
        first = Client().get(plan.get_absolute_url()).content.decode()
        assert len(forms_built) == 1
        project.name = "โครงการที่แก้ชื่อแล้ว"
        project.save()
        response = Client().get(plan.get_absolute_url())
        assert response[HIT] == "miss"  # the page was rendered again
        renamed = response.content.decode()
        # Its choices were read again (the part depends on the projects) and came out the same: the form was
        # kept by them, not built or rendered again.
        assert len(forms_built) == 1
        form = re.compile(r'<form class="plan-filters".*?</form>', re.S)
        assert form.search(renamed).group(0) == form.search(first).group(0)
        new_village = max(Project.objects.exclude(village=None).values_list("village", flat=True)) + 1
        project.village = new_village
        project.save()
        moved = form.search(Client().get(plan.get_absolute_url()).content.decode()).group(0)
        assert len(forms_built) == 2
        assert f'<option value="{new_village}">หมู่ที่ {new_village}</option>' in moved

    def test_a_menu_change_shows_in_the_shell_and_in_the_home_pages_links(self, demo_content, page_cache_on):
        Client().get("/")
        MenuItem.objects.create(title="เมนูใหม่ทดสอบ", url="/faq/", order=99)
        page = Client().get("/").content.decode()
        assert page.count("เมนูใหม่ทดสอบ") == 2  # the menu, and the home page's list of services


def test_an_edit_renders_again_only_the_pages_that_show_what_was_edited(demo_content, page_cache_on):
    shows_news, shows_no_news = ["/news/", "/"], ["/organisation/directory/", "/faq/", "/plans/2553-2555/"]
    for path in shows_news + shows_no_news:
        assert Client().get(path)[HIT] == "miss"
    item = Announcement.objects.published().order_by("-publish_at", "-pk").first()
    item.title = "ประกาศที่แก้ไขแล้ว"
    item.save()
    for path in shows_news:
        page = Client().get(path)
        assert page[HIT] == "miss" and "ประกาศที่แก้ไขแล้ว" in page.content.decode(), path
    for path in shows_no_news:
        assert Client().get(path)[HIT] == "hit", path
    profile = SiteProfile.current()
    profile.phone = "0 5599 4321"
    profile.save()
    for path in shows_news + shows_no_news:  # the profile is on every page: in its shell, or in its content too
        page = Client().get(path)
        assert page[HIT] in ("shell", "miss") and "0 5599 4321" in page.content.decode(), path


def test_an_edit_of_any_table_a_page_shows_renders_it_again_and_it_still_depends_on_them_all(
    demo_content, settings, tables_read
):
    """Whatever was kept of it (its content, a hole, the shell), a page rendered again after an edit is kept
    with every table it shows, as read by its render with the cache off."""
    shown = tables_each_page_type_shows(settings)
    settings.PAGE_CACHE_ENABLED = True
    page_cache.clear()
    try:
        for (name, path), tables in shown.items():
            Client().get(path)
            for table in sorted(tables):
                write_one_row_of_each([table])  # as the page cache sees a clerk's save of one row
                page = Client().get(path)
                # Put together ("shell") after a write to a shell part's or a hole's table; that what is put
                # together is what the page shows is test_memo's (a real edit of every table, every page).
                assert page[HIT] in ("miss", "shell"), (name, table)
                assert tables <= tables_read[-1], (name, table, tables - tables_read[-1])
    finally:
        page_cache.clear()


def test_a_page_depends_on_the_holes_it_was_served_with(demo_content, page_cache_on):
    """The home page's content is rendered again after a news edit, its procurement notices (a hole in it)
    served as they were kept: the page still shows the next edit of a notice."""
    from procurement.models import Notice

    Client().get("/")
    item = Announcement.objects.published().order_by("-publish_at", "-pk").first()
    item.title = "ประกาศที่แก้ไขแล้ว"
    item.save()
    assert "ประกาศที่แก้ไขแล้ว" in Client().get("/").content.decode()
    notice = Notice.objects.published().order_by("-announced_on", "-pk").first()
    notice.title = "ประกวดราคาจ้างก่อสร้างถนนสายใหม่"
    notice.save()
    page = Client().get("/")
    # Put together again: the notices alone changed, and a hole is rendered afresh like a shell part.
    assert page[HIT] == "shell" and "ประกวดราคาจ้างก่อสร้างถนนสายใหม่" in page.content.decode()


class TestAnEditWhileAPageRenders:
    """Another worker's edit commits after the page read something and before a part of it renders: the part
    shows what was read before the edit, so it must not be kept under the versions drawn after it."""

    @staticmethod
    def edited_before_the_part(monkeypatch, name, edit):
        import core.templatetags.page_parts as tags

        original, done = tags.render_part, []

        def render_part(context, **kwargs):
            if kwargs["name"] == name and not done:
                done.append(True)
                edit()
            return original(context, **kwargs)

        monkeypatch.setattr(tags, "render_part", render_part)

    def test_a_page_read_by_the_view_before_its_content_renders(self, demo_content, page_cache_on, monkeypatch):
        from pages.models import Page

        page = Page.objects.published().order_by("pk").first()
        path = page.get_absolute_url()
        self.edited_before_the_part(
            monkeypatch, "main", lambda: Page.objects.filter(pk=page.pk).update(title="หน้าที่แก้ชื่อแล้ว")
        )
        Client().get(path)
        monkeypatch.undo()
        for _ in range(2):  # rendered again, then from the cache
            shown = Client().get(path).content.decode()
            assert "หน้าที่แก้ชื่อแล้ว" in shown[shown.index("<main") :]

    def test_the_profile_read_by_the_head_before_the_footer_renders(self, demo_content, page_cache_on, monkeypatch):
        self.edited_before_the_part(
            monkeypatch, "footer", lambda: SiteProfile.objects.filter(pk=1).update(phone="0 5599 4321")
        )
        Client().get("/faq/")
        monkeypatch.undo()
        for path in ("/faq/", "/faq/", "/news/"):
            shown = Client().get(path).content.decode()
            assert "0 5599 4321" in shown[shown.index("<footer") :], path


class TestFormsInKeptParts:
    @staticmethod
    def token(response):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', response.content.decode()).group(1)

    def test_each_visitor_gets_a_token_of_their_own_from_a_kept_part(self, demo_content, page_cache_on):
        survey = reverse("services:survey")
        first = Client(enforce_csrf_checks=True)
        first.get(survey)
        the_pages_are_forgotten(survey)
        second = Client(enforce_csrf_checks=True)
        served = second.get(survey)
        assert served[HIT] == "miss"  # rendered again, its form from the kept part
        assert self.token(served) == second.cookies[settings.CSRF_COOKIE_NAME].value != self.token(first.get(survey))
        posted = second.post(survey, {"csrfmiddlewaretoken": self.token(served)})
        assert posted.status_code != 403


def test_a_page_that_proves_private_leaves_no_part_behind(demo_content, page_cache_on):
    from services.models import ServiceRequest

    code = ServiceRequest.objects.order_by("pk").first().tracking_code
    response = Client().get(reverse("services:track", args=[code]))
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    assert page_cache._LOCAL_PARTS._entries == {}


class TestAnIsolatedPart:
    def render(self, source, **values):
        request = RequestFactory().get("/")
        return Template("{% load page_parts %}" + source).render(Context({"request": request, **values}))

    def test_sees_nothing_of_the_view_but_what_it_is_given(self, db):
        source = '{% part "x" only shown=given %}[{{ secret }}|{{ shown }}]{% endpart %}'
        assert self.render(source, secret="ลับ", given="ให้ดู") == "[|ให้ดู]"

    def test_can_be_put_aside_for_later(self, db):
        source = '{% part "x" as kept %}ก{% endpart %}[{{ kept }}]'
        assert self.render(source) == "[ก]"

    def test_must_be_named(self):
        from django.template import TemplateSyntaxError

        with pytest.raises(TemplateSyntaxError):
            Template("{% load page_parts %}{% part x %}{% endpart %}")


def test_a_new_start_of_the_application_renders_everything_afresh(page_cache_on):
    """A start may be a new release, with other templates and static addresses."""
    import importlib

    import jomthong_site.wsgi

    def versions():
        return (
            page_cache.current_generation(),
            page_cache.table_versions(["pages_announcement"]),
            page_cache.release_version(),
        )

    before = versions()
    importlib.reload(jomthong_site.wsgi)
    assert all(now != then for now, then in zip(versions(), before, strict=True))


def test_an_edit_keeps_a_part_that_read_no_table(page_cache_on):
    release = page_cache.release_version()
    page_cache.bump_generation(["pages_announcement", "core_siteprofile", "core_menuitem"])
    assert page_cache.release_version() == release


class TestPagesPutTogetherFromTheirShell:
    """A page whose shell alone changed (the header, the menu, the footer, the organisation's name in the
    head: `{% shell %}` parts) is put together again from what it was outside them and those parts,
    without its view (core.page_cache.put_together)."""

    @pytest.mark.parametrize("shell_table", ["core_siteprofile", "core_menuitem"])
    def test_every_page_type_after_an_edit_of_the_shell_is_the_same_as_rendered_from_nothing(
        self, demo_content, settings, shell_table
    ):
        from bench.http_throughput import edit_one_row_of_each

        served_how = {}
        try:
            for name, path in page_types():
                settings.PAGE_CACHE_ENABLED = True
                Client().get(path)
                edit_one_row_of_each([shell_table])  # a real change: the name, or a menu item's title
                served = Client().get(path)
                settings.PAGE_CACHE_ENABLED = False
                rendered = Client().get(path)
                assert served.status_code == rendered.status_code == 200, name
                assert without_live_parts(served) == without_live_parts(rendered), name
                assert page_cache.HOLE not in served.content.decode(), name
                served_how[name] = served[HIT]
        finally:
            page_cache.clear()
        # After an edit of the profile, every one, those that show it in their content too: the home page's hero,
        # the contact page's office and the map's centre are parts of their own (holes), rendered afresh. A
        # standing page shows the menu in its content: rendered whole after an edit of it (the site map's
        # sections, which show it too, are a hole of their own).
        rendered_whole = {"core_siteprofile": set(), "core_menuitem": {"pages:page_detail"}}
        assert {name for name, how in served_how.items() if how != "shell"} == rendered_whole[shell_table]
        assert len(served_how) > 30

    def test_a_page_put_together_reads_nothing_of_its_own(self, demo_content, page_cache_on):
        Client().get("/faq/")
        profile = SiteProfile.current()
        profile.phone = "0 5599 8888"
        profile.save()
        with CaptureQueriesContext(connection) as queries:
            page = Client().get("/faq/")
        assert page[HIT] == "shell" and "0 5599 8888" in page.content.decode()
        read = set().union(*(page_cache.tables_read_by(query["sql"]) for query in queries))
        assert "core_siteprofile" in read and not any(table.startswith("faq_") for table in read)
        assert Client().get("/faq/")[HIT] == "hit"

    @pytest.mark.parametrize("glue_in", ["this worker", "the shared cache"])
    def test_a_page_is_put_together_from_the_glue_it_was_kept_with(self, demo_content, page_cache_on, glue_in):
        Client().get("/faq/")
        glue_key = page_cache._glue_key(page_cache._entry_key(RequestFactory().get("/faq/")))
        if glue_in == "this worker":
            caches[settings.PAGE_CACHE_ALIAS].delete(glue_key)  # as if the shared cache had evicted it
        else:
            page_cache._LOCAL_PARTS.discard(glue_key)  # another worker kept the page
        profile = SiteProfile.current()
        profile.phone = "0 5599 6666"
        profile.save()
        page = Client().get("/faq/")
        assert page[HIT] == "shell" and "0 5599 6666" in page.content.decode()
        # Another copy of the glue, of the same page, is not taken for it: the page is rendered whole.
        page_cache._LOCAL_PARTS.get(glue_key)["id"] = "another-glue"
        caches[settings.PAGE_CACHE_ALIAS].delete(glue_key)
        profile.phone = "0 5599 5555"
        profile.save()
        assert Client().get("/faq/")[HIT] == "miss"

    def test_an_edit_of_what_the_page_shows_besides_still_renders_it_whole(self, demo_content, page_cache_on):
        Client().get("/news/")
        profile = SiteProfile.current()
        profile.phone = "0 5599 7777"
        profile.save()
        item = Announcement.objects.published().order_by("-publish_at", "-pk").first()
        item.title = "ประกาศที่แก้ไขพร้อมกัน"
        item.save()
        page = Client().get("/news/")
        assert page[HIT] == "miss"
        assert "0 5599 7777" in page.content.decode() and "ประกาศที่แก้ไขพร้อมกัน" in page.content.decode()

    def test_the_glue_kept_in_the_shared_cache_holds_no_visitors_token(self, demo_content, page_cache_on):
        path = dict(page_types())["services:submit"]  # a form: its CSRF token is drawn for each visitor
        token = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]*)"')
        first = Client().get(path)
        drawn = token.search(first.content).group(1)
        glue = page_cache._cache().get(page_cache._glue_key(page_cache._entry_key(RequestFactory().get(path))))
        kept = b"".join(glue["segments"][::2])
        assert drawn and drawn not in kept
        assert token.findall(kept) == [b""]
        profile = SiteProfile.current()
        profile.phone = "0 5599 4444"
        profile.save()
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(path)
        assert page[HIT] == "shell" and "0 5599 4444" in page.content.decode()
        own = token.search(page.content).group(1)
        assert own and own != drawn
        # The token put in works: the form is answered (with what is missing), not refused.
        assert visitor.post(path, {"csrfmiddlewaretoken": own.decode()}).status_code != 403
        assert visitor.post(path, {"csrfmiddlewaretoken": drawn.decode()}).status_code == 403

    def test_a_page_whose_glue_is_gone_is_rendered_whole(self, demo_content, page_cache_on):
        Client().get("/faq/")
        glue_key = page_cache._glue_key(page_cache._entry_key(RequestFactory().get("/faq/")))
        page_cache._cache().delete(glue_key)
        page_cache._LOCAL_PARTS.discard(glue_key)
        profile = SiteProfile.current()
        profile.phone = "0 5599 6666"
        profile.save()
        page = Client().get("/faq/")
        assert page[HIT] == "miss" and "0 5599 6666" in page.content.decode()

    def test_no_answer_carries_a_mark_and_each_has_its_right_length(self, demo_content, page_cache_on):
        def answers():
            yield Client().get("/faq/")  # rendered and kept
            yield Client().get("/no-such-page/")  # rendered with the shell, not kept
            yield Client().head("/faq/")
            profile = SiteProfile.current()
            profile.phone = "0 5599 5555"
            profile.save()
            yield Client().get("/faq/")  # put together

        for answer in answers():
            assert answer.status_code in (200, 404)
            assert page_cache.HOLE.encode() not in answer.content and b"\xee\x80\x80" not in answer.content
            if answer.has_header("Content-Length") and answer.content:
                assert int(answer["Content-Length"]) == len(answer.content)

    def test_what_a_visitor_types_never_passes_for_a_mark(self, demo_content, page_cache_on, settings):
        # The search box shows what was asked; the private-use character alone is not a mark.
        typed = "\ue000/\ue000x\ue000base.html|nav|k\ue000"
        first = Client().get("/faq/", {"q": typed})
        assert first.status_code == 200
        profile = SiteProfile.current()
        profile.phone = "0 5599 4444"
        profile.save()
        again = Client().get("/faq/", {"q": typed})
        assert again.status_code == 200 and again[HIT] == "shell"
        assert "0 5599 4444" in again.content.decode() and typed in again.content.decode()
        settings.PAGE_CACHE_ENABLED = False
        assert without_live_parts(again) == without_live_parts(Client().get("/faq/", {"q": typed}))

    def test_a_shell_part_is_an_isolated_part_anywhere_else(self, db):
        source = (
            "{% load page_parts %}[{% shell 'x' %}{{ secret }}|{{ request.path }}{% endshell %}]"
            "{% or_shell 'y' %}{{ own }}{% else %}site{% endor_shell %}"
        )
        request = RequestFactory().get("/faq/")
        rendered = Template(source).render(Context({"request": request, "secret": "ลับ", "own": ""}))
        assert rendered == "[|/faq/]site"
        assert Template(source).render(Context({"request": request, "own": "ของหน้า"})).endswith("ของหน้า")
