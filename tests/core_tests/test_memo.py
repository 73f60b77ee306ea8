"""A list rendered again after an edit renders only the items that changed: each item is kept rendered by the
values it shows (``{% memo %}``, core/memo.py), and the page is the same as one rendered from nothing."""

import datetime
import functools
import time

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import timezone
from django.utils.safestring import mark_safe

from bench.http_throughput import edit_one_row_of_each
from core import memo, page_cache
from forum.models import Topic
from pages.models import Announcement
from staff.models import Person
from tests.core_tests.test_page_parts import page_types, tables_each_page_type_shows, without_live_parts

HIT = page_cache.HIT_HEADER


@pytest.fixture
def demo_content(demo_content_per_module, db):
    """The sample site, loaded once for the module."""


def kept_memos():
    return len(memo._LOCAL_MEMOS._entries)


class TestOnAPage:
    def test_an_edit_of_one_person_renders_that_card_alone_again(self, demo_content, page_cache_on):
        Client().get("/organisation/directory/")
        cards = kept_memos()
        assert cards == Person.objects.published().count()
        person = Person.objects.published().order_by("pk").first()
        Person.objects.filter(pk=person.pk).update(first_name="สมศรีแก้ไข")
        page = Client().get("/organisation/directory/")
        assert page[HIT] == "miss" and "สมศรีแก้ไข" in page.content.decode()
        assert kept_memos() == cards + 1  # the edited card, beside the old one

    @pytest.mark.parametrize(
        ("path", "model"),
        [("/organisation/directory/", Person), ("/news/", Announcement), ("/forum/questions/", Topic)],
        ids=["people", "news", "topics"],
    )
    def test_a_save_that_changes_nothing_shown_renders_no_item_again(self, demo_content, page_cache_on, path, model):
        """A save in the admin sets the row's time of last change, which no list shows: the items are read
        without it (core.models.without_bookkeeping), so their memos' keys are the same as before."""
        first = Client().get(path)
        kept = kept_memos()
        assert kept
        model.objects.update(updated_at=timezone.now() + datetime.timedelta(minutes=5))
        again = Client().get(path)
        assert again[HIT] == "miss"  # the page was rendered again (its table was written)
        assert kept_memos() == kept  # and no item of it
        assert without_live_parts(again) == without_live_parts(first)

    def test_a_logged_in_clerk_leaves_no_memo_behind(self, demo_content, page_cache_on, admin_client):
        admin_client.get("/organisation/directory/")
        assert kept_memos() == 0
        Client().get("/organisation/directory/")
        assert kept_memos() > 0  # the same page, asked by a visitor

    def test_a_memo_past_its_pages_time_is_rendered_again(self, demo_content, page_cache_on):
        Client().get("/news/")
        assert kept_memos()
        for entry in memo._LOCAL_MEMOS._entries.values():
            entry["html"], entry["expires"] = "ของเก่า", time.time() - 1
        page_cache.bump_generation(["pages_announcement"])
        assert "ของเก่า" not in Client().get("/news/").content.decode()


def test_after_an_edit_of_any_table_every_page_type_is_the_same_as_one_rendered_from_nothing(demo_content, settings):
    """A real change to one row of each table a page shows (a text field, its times), and the page as served
    after it is the page as the cache-off code renders it: no memo, part or page shows what was before."""
    shown = tables_each_page_type_shows(settings)
    try:
        for (name, path), tables in shown.items():
            settings.PAGE_CACHE_ENABLED = True
            Client().get(path)
            for table in sorted(tables - {"core_siteprofile", "core_menuitem"}):
                edit_one_row_of_each([table])
                settings.PAGE_CACHE_ENABLED = True
                served = Client().get(path)
                settings.PAGE_CACHE_ENABLED = False
                rendered = Client().get(path)
                assert served.status_code == rendered.status_code, (name, table)
                assert without_live_parts(served) == without_live_parts(rendered), (name, table)
    finally:
        page_cache.clear()


def test_a_memo_shows_what_its_template_shows_with_the_whole_page_around_it(demo_content, monkeypatch):
    """A memo sees only the values named in its tag: every page type is the same as when its memos see the
    whole page's context too, as the includes they wrap did (a value the tag forgot to pass would differ).
    Every person is given what a card shows only when asked to (a village, a phone, a term)."""
    Person.objects.update(
        village=3, phone="0 5599 0000", email="staff@example.org", term_start=datetime.date(2023, 5, 1)
    )
    pages = page_types()
    with_memos = {name: without_live_parts(Client().get(path)) for name, path in pages}

    def with_the_page_around(context, *, tag, values, render):
        with context.push(values):
            return render(context)

    monkeypatch.setattr("core.templatetags.page_parts.render_memo", with_the_page_around)
    for name, path in pages:
        assert without_live_parts(Client().get(path)) == with_memos[name], name


class TestTheTag:
    @staticmethod
    def render(source, **values):
        request = RequestFactory().get("/")
        return Template("{% load page_parts %}" + source).render(Context({"request": request, **values}))

    def test_sees_only_the_values_it_is_given(self, db):
        source = "{% memo shown=given %}[{{ secret }}|{{ shown }}|{{ request.path }}]{% endmemo %}"
        assert self.render(source, secret="ลับ", given="ให้ดู") == "[|ให้ดู|]"

    def test_takes_values(self):
        from django.template import TemplateSyntaxError

        for source in ("{% memo %}{% endmemo %}", "{% memo person %}{% endmemo %}"):
            with pytest.raises(TemplateSyntaxError):
                Template("{% load page_parts %}" + source)


class TestWhatAKeyHolds:
    def test_every_value_loaded_on_an_object_and_the_objects_loaded_with_it(self, demo_content):
        person = Person.objects.select_related("unit").order_by("pk").first()
        before = memo.state_of(person)
        assert memo.state_of(Person.objects.select_related("unit").get(pk=person.pk)) == before
        person.unit.name = "กองใหม่"
        assert memo.state_of(person) != before
        person.shown_as = "ป้ายที่ view ติดให้"  # what a view sets on an object is shown too
        assert "ป้ายที่ view ติดให้" in memo.state_of(person)

    def test_an_object_met_again_is_named_not_read_again(self, demo_content):
        person = Person.objects.select_related("unit").order_by("pk").first()
        person.unit.members = [person]  # a unit listing its people, as the council's view builds it
        assert repr(("seen", 0)) in repr(memo.state_of(person))  # the person, met first

    def test_values_of_other_kinds_are_told_apart(self):
        assert memo.state_of([1, 2]) != memo.state_of((1, 2))
        # {{ value }} escapes the one and not the other.
        assert memo.state_of("<b>ถนน</b>") != memo.state_of(mark_safe("<b>ถนน</b>"))
        assert memo.state_of(mark_safe("<b>ถนน</b>")) != memo.state_of(("safe", "<b>ถนน</b>"))
        assert memo.state_of({"a": mark_safe("x")}) == memo.state_of({"a": mark_safe("x")})

    @pytest.mark.parametrize("unreadable", ["queryset", "lazy", "file"])
    def test_what_cannot_be_read_exactly_makes_no_key(self, demo_content, unreadable):
        from django.utils.functional import SimpleLazyObject

        value = {
            "queryset": lambda: Person.objects.all(),
            "lazy": lambda: SimpleLazyObject(lambda: "ค่า"),
            "file": lambda: Person.objects.order_by("pk").first().photo,
        }[unreadable]()
        with pytest.raises(memo.Unreadable):
            memo.state_of({"value": value})


class TestKeptOrNot:
    """render_memo inside a page the cache keeps, as PageCacheMiddleware sets it up."""

    @pytest.fixture
    def reads(self, page_cache_on):
        request = RequestFactory().get("/")
        reads = page_cache.RequestReads(request, time.time() + 60, page_cache.current_generation())
        token = page_cache._REQUEST_READS.set(reads)
        with connection.execute_wrapper(reads):
            yield reads
        page_cache._REQUEST_READS.reset(token)

    @staticmethod
    @functools.cache  # compiled once, as the template loader does: each compiled tag is a memo of its own
    def template(source):
        return Template("{% load page_parts %}" + source)

    def render(self, reads, source, **values):
        return self.template(source).render(Context({"request": reads.request, **values}))

    def test_kept_by_its_values(self, demo_content, reads):
        person = Person.objects.select_related("unit").order_by("pk").first()
        source = "{% memo person=person %}{{ person.first_name }} {{ person.unit.name }}{% endmemo %}"
        self.render(reads, source, person=person)
        assert len(reads.pending_memos) == 1
        self.render(reads, source, person=Person.objects.select_related("unit").get(pk=person.pk))
        assert len(reads.pending_memos) == 1  # the same values: served as kept
        person.first_name = "ชื่อใหม่"
        assert self.render(reads, source, person=person).startswith("ชื่อใหม่")
        assert len(reads.pending_memos) == 2

    def test_not_kept_when_its_render_ran_a_query(self, demo_content, reads):
        person = Person.objects.order_by("pk").first()  # its unit not loaded with it
        self.render(reads, "{% memo person=person %}{{ person.unit.name }}{% endmemo %}", person=person)
        assert reads.pending_memos == {}

    def test_not_kept_when_a_value_cannot_be_read(self, demo_content, reads):
        self.render(reads, "{% memo people=people %}{{ people|length }}{% endmemo %}", people=Person.objects.all())
        assert reads.pending_memos == {}
