"""The database counts the results per kind and returns only the slice of ids a page shows.

A common word matches most of the site; the results page needs the counts and ten ids. These tests pin that
the counts, the order and every page are those of the full ranked list, and that the number of statements
does not grow with the number of results.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum import services as forum_services
from forum.models import Board
from pages.models import Page
from search.engine import RESULTS_PER_PAGE, RankedIds, search
from search.models import SearchEntry
from tests.forum_tests.conftest import make_member, start_topic

# Indexing happens when a transaction commits, as on the real site: each test runs in autocommit mode.
pytestmark = pytest.mark.django_db(transaction=True)


def publish(title, number, status=Page.Status.PUBLISHED):
    return Page.objects.create(title=title, slug=f"p{number}", body="<p>ข้อความ</p>", status=status)


def statements(call):
    """(what call() returned, the SQL statements it ran that read the index)."""
    with CaptureQueriesContext(connection) as queries:
        result = call()
    return result, [q["sql"] for q in queries.captured_queries if "search_searchentry" in q["sql"]]


@pytest.fixture
def board(db):
    return Board.objects.create(title="ถาม-ตอบ", slug="questions", order=1)


class TestCounts:
    def test_a_topic_and_its_matching_posts_count_once_under_the_entry_that_shows_them(self, board):
        for number in range(3):
            publish(f"ซ่อมถนนสาย {number}", number)
        publish("ร่างซ่อมถนน", 9, status=Page.Status.DRAFT)
        author = make_member("writer")
        topic = start_topic(board, author, title="ถามเรื่องถนนพัง", body="ถนนหน้าบ้านพัง")
        for _ in range(3):
            forum_services.post_reply(topic=topic, author=author, body="ถนนเส้นนี้ถนนพังมาก")
        outcome = search("ถนน")
        # Five entries of the forum match (the topic, its opening post, three replies): one shows them.
        forum_kind = next(kind for kind in outcome.kind_counts if kind.startswith("forum_"))
        assert outcome.kind_counts == {"page": 3, forum_kind: 1}
        assert len(outcome.ids) == 4 == len(list(outcome.ids))
        shown = SearchEntry.objects.in_bulk(list(outcome.ids))
        assert sorted(entry.kind for entry in shown.values()) == sorted(["page", "page", "page", forum_kind])

    def test_a_kind_filter_keeps_the_counts_of_every_kind(self, board):
        for number in range(4):
            publish(f"ประกาศขุดลอกคลอง {number}", number)
        start_topic(board, make_member("writer"), title="ขุดลอกคลองเมื่อไร", body="ถามครับ")
        everything = search("ขุดลอก")
        forum_kind = next(kind for kind in everything.kind_counts if kind.startswith("forum_"))
        forum_only, pages_only = search("ขุดลอก", kind=forum_kind), search("ขุดลอก", kind="page")
        assert forum_only.kind_counts == pages_only.kind_counts == everything.kind_counts
        assert everything.kind_counts == {"page": 4, forum_kind: 1}
        assert (len(forum_only.ids), len(pages_only.ids), len(everything.ids)) == (1, 4, 5)
        kinds = dict(SearchEntry.objects.values_list("pk", "kind"))
        assert list(pages_only.ids) == [pk for pk in everything.ids if kinds[pk] == "page"]
        assert search("ขุดลอก", kind="person").ids == []


class TestSlices:
    def test_every_slice_is_that_of_the_whole_ranked_list(self):
        for number in range(25):
            # Titles with the word whole or inside a compound, and two dates a page: ties are broken by id.
            publish(f"{'ถนน' if number % 3 else 'ซ่อมถนน'} ลาดยาง {number}", number)
        outcome = search("ถนน")
        everything = list(outcome.ids)
        assert len(everything) == len(set(everything)) == 25
        for start, stop in [(0, 10), (10, 20), (20, 30), (5, 7), (24, 25), (30, 40)]:
            fresh = search("ถนน").ids
            assert fresh[start:stop] == everything[start:stop]
        assert outcome.ids[3] == everything[3] and outcome.ids[-1] == everything[-1]
        assert outcome.ids == everything

    def test_the_first_page_comes_with_the_counts_and_another_slice_costs_one_statement(self):
        for number in range(15):
            publish(f"ประกาศถนน {number}", number)
        outcome, ran = statements(lambda: search("ถนน"))
        assert isinstance(outcome.ids, RankedIds) and len(ran) == 1
        first, ran = statements(lambda: outcome.ids[:RESULTS_PER_PAGE])
        assert len(first) == RESULTS_PER_PAGE and ran == []
        second, ran = statements(lambda: outcome.ids[RESULTS_PER_PAGE : 2 * RESULTS_PER_PAGE])
        assert len(second) == 5 and len(ran) == 1
        assert list(outcome.ids) == first + second

    def test_a_window_asked_for_comes_with_the_counts(self):
        for number in range(15):
            publish(f"ประกาศถนน {number}", number)
        everything = list(search("ถนน").ids)
        outcome, ran = statements(lambda: search("ถนน", window=slice(10, 20)))
        assert len(ran) == 1
        page, ran = statements(lambda: outcome.ids[10:15])
        assert page == everything[10:15] and ran == []


@pytest.mark.parametrize(
    ("query", "expected"),
    # A query of four letters or more with few results is ranked again with the matches inside words.
    [("ถนน", 1), ("ลาดยาง", 2)],
)
def test_the_statements_a_search_runs_do_not_grow_with_its_results(query, expected):
    def ran(count):
        for number in range(count):
            publish(f"ประกาศถนนลาดยาง {count}-{number}", f"{count}-{number}")
        outcome, statements_run = statements(lambda: search(query))
        assert len(outcome.ids) == count
        Page.objects.all().delete()
        return len(statements_run)

    assert ran(3) == ran(40) == expected


class TestResultsPage:
    def test_the_second_page_shows_the_next_ten_of_the_ranked_list(self, client):
        for number in range(23):
            publish(f"ประกาศถนนฉบับที่ {number}", number)
        everything = list(search("ถนน").ids)
        urls = dict(SearchEntry.objects.values_list("pk", "url"))
        html = client.get("/search/", {"q": "ถนน", "page": 2}).content.decode()
        shown = [pk for pk in everything if f'href="{urls[pk]}"' in html]
        assert shown == everything[10:20]
        assert html.index(f'href="{urls[shown[0]]}"') < html.index(f'href="{urls[shown[-1]]}"')

    @pytest.mark.parametrize("page", ["99", "0", "-1"])
    def test_a_page_out_of_range_shows_the_last_page(self, client, page):
        for number in range(12):
            publish(f"ประกาศถนนฉบับที่ {number}", number)
        html = client.get("/search/", {"q": "ถนน", "page": page}).content.decode()
        assert "พบ 12 รายการ" in html and html.count('class="search-result"') == 2

    def test_a_page_that_is_not_a_number_shows_the_first(self, client):
        for number in range(12):
            publish(f"ประกาศถนนฉบับที่ {number}", number)
        html = client.get("/search/", {"q": "ถนน", "page": "สอง"}).content.decode()
        assert html.count('class="search-result"') == 10
