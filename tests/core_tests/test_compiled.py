"""A query compiled once (core/compiled.py) gives what the same query compiled afresh gives, at every time."""

import datetime
import time

import pytest
from django.utils import timezone

from core import compiled
from pages.models import Announcement, Category


@pytest.fixture(autouse=True)
def nothing_compiled_yet():
    compiled.clear()
    yield
    compiled.clear()


@pytest.fixture
def category(db):
    return Category.objects.create(title="ข่าวทดสอบ", slug="compiled-news")


def news(category, title, publish_at):
    return Announcement.objects.create(
        category=category, title=title, status=Announcement.Status.PUBLISHED, publish_at=publish_at
    )


def published_titles(category):
    queryset = compiled.compiled(
        ("test.published", category.pk),
        lambda: Announcement.objects.published().filter(category=category).order_by("title"),
    )
    return [item.title for item in queryset]


def test_runs_with_the_time_of_each_run(category):
    news(category, "ข่าวเก่า", timezone.now() - datetime.timedelta(days=1))
    news(category, "ข่าวตั้งเวลา", timezone.now() + datetime.timedelta(seconds=1))
    assert published_titles(category) == ["ข่าวเก่า"]
    time.sleep(1.1)
    assert published_titles(category) == ["ข่าวตั้งเวลา", "ข่าวเก่า"]
    assert isinstance(compiled._COMPILED[next(iter(compiled._COMPILED))], compiled._Compiled)


def test_reads_the_rows_as_they_are_now(category):
    assert published_titles(category) == []
    news(category, "ข่าวใหม่", timezone.now())
    assert published_titles(category) == ["ข่าวใหม่"]


def test_its_rows_are_converted_as_django_converts_them_with_the_converters_worked_out_once(category, monkeypatch):
    from django.db.models.sql.compiler import SQLCompiler

    moment = timezone.now().replace(microsecond=123456)
    news(category, "ข่าว", moment - datetime.timedelta(days=1))
    worked_out = []
    get_converters = SQLCompiler.get_converters
    monkeypatch.setattr(
        SQLCompiler, "get_converters", lambda self, cols: worked_out.append(cols) or get_converters(self, cols)
    )

    def read():
        return compiled.compiled(("test.dates", category.pk), lambda: Announcement.objects.filter(category=category))

    runs = [[(item.title, item.publish_at, item.created_at) for item in read()] for _ in range(3)]
    by_django = [
        (item.title, item.publish_at, item.created_at) for item in Announcement.objects.filter(category=category)
    ]
    assert runs == [by_django] * 3
    assert runs[0][0][1] == moment - datetime.timedelta(days=1) and timezone.is_aware(runs[0][0][1])
    assert len(worked_out) == 2  # the compiled query's once, the plain queryset's once


def test_chained_further_it_is_compiled_afresh(category):
    news(category, "ข่าว", timezone.now())
    queryset = compiled.compiled(("test.all", category.pk), lambda: Announcement.objects.filter(category=category))
    assert queryset.count() == 1
    assert list(queryset.filter(title="อื่น")) == []


@pytest.mark.parametrize(
    "clock",
    [lambda: timezone.now(), lambda: timezone.now().replace(second=0, microsecond=0), lambda: timezone.localdate()],
    ids=["now", "to the minute", "today"],
)
def test_a_query_that_reads_the_clock_itself_is_compiled_each_time(category, clock):
    news(category, "ข่าว", timezone.now() - datetime.timedelta(days=2))

    def build():
        return Announcement.objects.filter(category=category, publish_at__date__lte=clock())

    assert [item.title for item in compiled.compiled(("test.clock", category.pk), build)] == ["ข่าว"]
    assert compiled._COMPILED[("default", ("test.clock", category.pk))] is compiled.UNCOMPILABLE
    assert timezone.now() > datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)  # the clock itself as before


def test_a_build_that_runs_a_query_is_compiled_each_time(category):
    news(category, "ข่าว", timezone.now())

    def build():  # the ids read at compile time would stay in the SQL
        return Announcement.objects.filter(pk__in=list(Announcement.objects.published().values_list("pk", flat=True)))

    assert [item.title for item in compiled.compiled(("test.reads", category.pk), build)] == ["ข่าว"]
    assert compiled._COMPILED[("default", ("test.reads", category.pk))] is compiled.UNCOMPILABLE


def test_a_key_that_misses_something_fails_under_the_test_settings(category):
    other = Category.objects.create(title="อื่น", slug="compiled-other")
    published_titles(category)
    with pytest.raises(AssertionError, match="the key misses something"):
        compiled.compiled(
            ("test.published", category.pk), lambda: Announcement.objects.published().filter(category=other)
        )


def test_everything_is_compiled_again_after_midnight(category):
    published_titles(category)
    assert compiled._COMPILED
    compiled._compiled_until[0] = 0.0
    compiled._entry(("test.other",), lambda: Announcement.objects.all(), "default")
    assert list(compiled._COMPILED) == [("default", ("test.other",))]


def test_keeps_the_most_recent_shapes_only(db, monkeypatch):
    monkeypatch.setattr(compiled, "MAX_KEPT", 3)
    for number in range(5):
        compiled.compiled(("test.number", number), lambda number=number: Announcement.objects.filter(pk=number))
    assert [key[1][1] for key in compiled._COMPILED] == [2, 3, 4]


def test_sql_for_a_statement_of_ones_own(category):
    news(category, "ข่าว", timezone.now())
    sql, params = compiled.compiled_sql(
        ("test.sql", category.pk), lambda: Announcement.objects.published().filter(category=category).values("pk")
    )
    sql_again, params_again = compiled.compiled_sql(
        ("test.sql", category.pk), lambda: Announcement.objects.published().filter(category=category).values("pk")
    )
    assert sql == sql_again and params != params_again  # the same statement, with the time of each run


def test_get_or_404_finds_the_row_and_answers_404_for_none(category):
    from django.http import Http404

    item = news(category, "ข่าวที่ค้นหา", timezone.now())

    def found(pk):
        return compiled.get_or_404(("test.one",), lambda pk: Announcement.objects.published().filter(pk=pk), pk)

    assert found(item.pk) == item
    assert found(item.pk).title == "ข่าวที่ค้นหา"  # the second time, from the compiled SQL
    item.status = Announcement.Status.DRAFT
    item.save()
    with pytest.raises(Http404):
        found(item.pk)


def test_values_given_are_parameters_one_shape_serves_every_row(category):
    older = news(category, "ข่าวเก่า", timezone.now() - datetime.timedelta(days=2))
    newer = news(category, "ข่าวใหม่", timezone.now() - datetime.timedelta(days=1))

    def before(slug, moment, pk):
        return [
            item.title
            for item in compiled.compiled(
                ("test.before",),
                lambda slug, moment, pk: (
                    Announcement.objects.published().filter(category__slug=slug, publish_at__lte=moment).exclude(pk=pk)
                ),
                slug,
                moment,
                pk,
            )
        ]

    assert before(category.slug, newer.publish_at, newer.pk) == ["ข่าวเก่า"]
    assert before(category.slug, older.publish_at, older.pk) == []
    assert before(category.slug, newer.publish_at, older.pk) == ["ข่าวใหม่"]
    assert before("another-category", newer.publish_at, older.pk) == []
    ((_, shape),) = compiled._COMPILED.items()
    assert isinstance(shape, compiled._Compiled) and len(shape.places) == 3


def test_a_value_that_is_false_or_not_the_query_s_own_is_compiled_each_time(category):
    news(category, "ข่าวถนน", timezone.now())

    def titles(key, build, value):
        return [item.title for item in compiled.compiled((key,), build, value)]

    # "" may choose another query than any stand-in would; a text searched for is not the parameter itself.
    assert titles("test.blank", lambda title: Announcement.objects.filter(title__gte=title), "") == ["ข่าวถนน"]
    assert titles("test.contains", lambda word: Announcement.objects.filter(title__contains=word), "ถนน") == ["ข่าวถนน"]
    assert set(compiled._COMPILED.values()) == {compiled.UNCOMPILABLE}
    # A value with a stand-in, for the same key: the shape is compiled then.
    assert titles("test.blank", lambda title: Announcement.objects.filter(title__gte=title), "ก") == ["ข่าวถนน"]
    assert isinstance(compiled._COMPILED[("default", (("test.blank",), (str,)))], compiled._Compiled)


def test_a_value_whose_field_refuses_a_stand_in_is_compiled_each_time(category):
    item = news(category, "ข่าว", timezone.now())

    # A text where the field holds numbers: Django reads "12" as 12, but no stand-in text as a number.
    found = compiled.compiled(("test.text_id",), lambda pk: Announcement.objects.filter(pk=pk), str(item.pk))
    assert [found_item.pk for found_item in found] == [item.pk]
    assert compiled._COMPILED[("default", (("test.text_id",), (str,)))] is compiled.UNCOMPILABLE


def test_a_value_that_chooses_the_query_fails_under_the_test_settings(category):
    def build(title):
        queryset = Announcement.objects.filter(category=category)
        return queryset.filter(title=title) if title == "ข่าว" else queryset

    with pytest.raises(AssertionError, match="the key misses something"):
        list(compiled.compiled(("test.chooses",), build, "ข่าว"))


@pytest.mark.parametrize("orphans", [0, 2])
def test_a_compiled_paginator_gives_the_pages_a_paginator_gives(category, orphans):
    from django.core.paginator import Paginator

    for number in range(7):
        news(category, f"ข่าว {number}", timezone.now() - datetime.timedelta(hours=number))

    def build():
        return Announcement.objects.published().filter(category=category).order_by("-publish_at")

    plain = Paginator(build(), 3, orphans=orphans)
    paged = compiled.CompiledPaginator(("test.pages", category.pk), build, 3, orphans=orphans)
    assert paged.num_pages == plain.num_pages
    for number in [*plain.page_range, "last", "9", "x"]:
        assert list(paged.get_page(number)) == list(plain.get_page(number))
    assert list(paged.get_page(1)) == list(plain.get_page(1))  # the second time, from the compiled SQL


class TestAPlainQuerysetIsBuiltOncePerShape:
    """As production runs (COMPILED_QUERIES_CHECKED off): later calls get a copy of the shape's first build."""

    @pytest.fixture(autouse=True)
    def unchecked(self, settings):
        settings.COMPILED_QUERIES_CHECKED = False

    @staticmethod
    def counted(build):
        def counting(*values):
            counting.calls += 1
            return build(*values)

        counting.calls = 0
        return counting

    def test_later_calls_read_with_their_own_values_and_time_without_building(self, category):
        old = news(category, "ข่าวเก่า", timezone.now() - datetime.timedelta(days=1))
        soon = news(category, "ข่าวตั้งเวลา", timezone.now() + datetime.timedelta(seconds=1))
        build = self.counted(lambda pk: Announcement.objects.published().filter(pk=pk))
        assert [item.title for item in compiled.compiled(("test.copy",), build, old.pk)] == ["ข่าวเก่า"]
        assert build.calls == 3  # twice with stand-ins to compile it, once with the value given
        assert list(compiled.compiled(("test.copy",), build, soon.pk)) == []
        time.sleep(1.1)
        assert [item.title for item in compiled.compiled(("test.copy",), build, soon.pk)] == ["ข่าวตั้งเวลา"]
        assert build.calls == 3

    def test_a_copy_chained_further_is_built_afresh_with_its_own_values_and_time(self, category):
        old = news(category, "ข่าวเก่า", timezone.now() - datetime.timedelta(days=1))
        soon = news(category, "ข่าวตั้งเวลา", timezone.now() + datetime.timedelta(seconds=1))

        def published_in(pk):
            return compiled.compiled(
                ("test.chained",), lambda pk: Announcement.objects.published().filter(category_id=pk), pk
            )

        assert published_in(category.pk).count() == 1
        other = Category.objects.create(title="อื่น", slug="compiled-chained-other")
        assert published_in(other.pk).count() == 0 and not published_in(other.pk).exists()
        time.sleep(1.1)
        copy = published_in(category.pk)
        assert copy.count() == 2
        assert [item.pk for item in copy.order_by("publish_at")[:1]] == [old.pk]
        assert [item.pk for item in copy.filter(title="ข่าวตั้งเวลา")] == [soon.pk]
        assert copy.values_list("title", flat=True).get(pk=old.pk) == "ข่าวเก่า"

    def test_copies_of_a_values_list_give_values(self, category):
        news(category, "ข่าว", timezone.now())
        for _ in range(2):
            titles = compiled.compiled(
                ("test.values",),
                lambda pk: Announcement.objects.filter(category_id=pk).values_list("title", flat=True),
                category.pk,
            )
            assert list(titles) == ["ข่าว"]

    def test_a_queryset_with_prefetches_is_built_each_time(self, category):
        news(category, "ข่าว", timezone.now())
        build = self.counted(lambda pk: Category.objects.filter(pk=pk).prefetch_related("announcements"))
        for _ in range(2):
            (found,) = compiled.compiled(("test.prefetch",), build, category.pk)
            assert [item.title for item in found.announcements.all()] == ["ข่าว"]
        assert build.calls == 2 + 2  # compiled once (two builds), then built for each call

    def test_a_build_unlike_the_first_fails_under_the_test_settings(self, category, settings):
        settings.COMPILED_QUERIES_CHECKED = True
        list(compiled.compiled(("test.unlike",), lambda: Category.objects.filter(pk=category.pk)))
        with pytest.raises(AssertionError, match="the key misses something"):
            compiled.compiled(
                ("test.unlike",), lambda: Category.objects.filter(pk=category.pk).prefetch_related("announcements")
            )


def test_a_compiled_paginator_counts_with_the_values_and_time_of_each_run(category):
    other = Category.objects.create(title="อื่น", slug="compiled-count-other")
    for number in range(5):
        news(category, f"ข่าว {number}", timezone.now() - datetime.timedelta(hours=number))
    news(other, "ข่าวอื่น", timezone.now() - datetime.timedelta(hours=1))
    news(category, "ข่าวตั้งเวลา", timezone.now() + datetime.timedelta(seconds=1))

    def count(pk):
        return compiled.CompiledPaginator(
            ("test.count",), lambda pk: Announcement.objects.published().filter(category_id=pk), 2, values=(pk,)
        ).count

    assert (count(category.pk), count(other.pk)) == (5, 1)
    time.sleep(1.1)
    assert count(category.pk) == 6
    assert count(Category.objects.create(title="ว่าง", slug="compiled-count-empty").pk) == 0
