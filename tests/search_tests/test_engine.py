"""The search engine itself: segmentation, prefix matching, visibility, highlighting, bad input."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils.html import escape

from core.segment import segmented, tokens
from pages.models import Page
from search.engine import highlight, search
from search.models import SearchEntry

# Indexing happens when a transaction commits, as on the real site: each test runs in autocommit mode.
pytestmark = pytest.mark.django_db(transaction=True)


def publish(title, body="", slug=None, status=Page.Status.PUBLISHED):
    return Page.objects.create(title=title, slug=slug or f"p{Page.objects.count() + 1}", body=body, status=status)


class TestSegmentation:
    def test_thai_text_is_split_into_words(self):
        assert tokens("ก่อสร้างถนนคอนกรีตเสริมเหล็ก") == ["ก่อสร้าง", "ถนน", "คอนกรีตเสริมเหล็ก"]

    def test_punctuation_zero_width_marks_and_case_are_dropped(self):
        assert tokens("ถนน\u200b, Road!") == ["ถนน", "road"]

    def test_empty_and_whitespace_give_no_words(self):
        assert tokens("") == [] and tokens("   \n ") == [] and segmented(None) == ""


class TestMatching:
    def test_a_word_finds_the_compounds_that_begin_with_it(self):
        page = publish("ภูมิปัญญาท้องถิ่นการจักสาน")
        assert search("ภูมิปัญญา").ids == [SearchEntry.objects.get(object_id=page.pk).pk]

    def test_every_word_of_the_query_must_match(self):
        publish("ซ่อมสร้างถนนลูกรัง")
        publish("ขุดลอกคลองส่งน้ำ")
        assert len(search("ถนน").ids) == 1
        assert search("ถนน คลอง").ids == []

    def test_the_title_weighs_more_than_the_text(self):
        in_text = publish("รายงานประจำปี", body="<p>มีการซ่อมถนนหลายสาย</p>")
        in_title = publish("ซ่อมถนนสายหลัก")
        ids = search("ถนน").ids
        entry = SearchEntry.objects.in_bulk(ids)
        assert [entry[pk].object_id for pk in ids] == [in_title.pk, in_text.pk]

    def test_one_or_two_letters_match_a_whole_word_not_every_word_that_begins_with_them(self):
        publish("นายสมชาย และนางสมศรี หน้าบ้าน")
        rice = publish("น้ำท่วมนา ข้าวเสียหาย")
        assert [SearchEntry.objects.get(pk=pk).object_id for pk in search("นา").ids] == [rice.pk]

    def test_four_letters_or_more_are_also_found_inside_compounds_after_whole_words(self):
        inside = publish("หลักสูตรฝึกอบรมเจ้าหน้าที่")
        whole = publish("อบรม อปพร.")
        ids = search("อบรม").ids
        assert [SearchEntry.objects.get(pk=pk).object_id for pk in ids] == [whole.pk, inside.pk]

    def test_blocks_of_the_body_stay_apart_in_the_snippet(self):
        publish("มติที่ประชุม", body="<p>ดูรายละเอียดในไฟล์แนบ</p><p>เนื้อหานี้เป็นตัวอย่าง</p><ul><li>หนึ่ง</li><li>สอง</li></ul>")
        text = SearchEntry.objects.get().text
        assert "ไฟล์แนบ เนื้อหานี้" in text and "หนึ่ง สอง" in text

    def test_html_of_the_body_is_not_searchable_markup(self):
        publish("หน้าทดสอบ", body='<p class="x">ข้อความ</p><table><tr><td>ตาราง</td></tr></table>')
        assert search("class").ids == []
        assert len(search("ตาราง").ids) == 1


class TestVisibility:
    def test_a_draft_is_never_found(self):
        publish("ร่างแผนงานถนน", status=Page.Status.DRAFT)
        assert search("ถนน").ids == []

    def test_publishing_later_makes_it_findable_and_unpublishing_hides_it_again(self):
        page = publish("ประกาศถนน", status=Page.Status.DRAFT)
        page.status = Page.Status.PUBLISHED
        page.save()
        assert len(search("ถนน").ids) == 1
        page.status = Page.Status.DRAFT
        page.save()
        assert search("ถนน").ids == []

    def test_a_deleted_item_leaves_the_index(self):
        page = publish("ประกาศถนน")
        page.delete()
        assert not SearchEntry.objects.exists()


class TestBadInput:
    @pytest.mark.parametrize(
        "query", ["", "   ", "!!!", "<script>alert(1)</script>", "'\\\"; DROP TABLE x;--", "ก" * 5000]
    )
    def test_hostile_or_empty_queries_answer_a_thai_page(self, client, query):
        publish("ถนนหมู่ที่ 3")
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html

    def test_a_query_with_no_hits_gets_help_and_suggestions(self, client):
        publish("ภูมิปัญญาท้องถิ่นการจักสาน")
        html = client.get("/search/", {"q": "ภูมปัญญา"}).content.decode()
        if connection.vendor == "postgresql":
            assert "สะกดใกล้เคียง" in html  # pg_trgm finds the misspelt word
        else:
            assert "ไม่พบผลการค้นหา" in html and "คุณหมายถึง" in html and "ภูมิปัญญา" in html


class TestHighlight:
    def test_matches_are_marked_and_the_rest_escaped(self):
        html = highlight("<b>ถนน</b> และถนนอีกสาย", ["ถนน"])
        assert html == "&lt;b&gt;<mark>ถนน</mark>&lt;/b&gt; และ<mark>ถนน</mark>อีกสาย"

    def test_quotes_and_ampersands_are_escaped_as_djangos_escape_does(self):
        text = """ถนน "สาย 1" & 'สาย 2' <img src=x onerror=alert(1)>"""
        assert highlight(text, ["สาย"], whole=True) == (
            "ถนน &quot;<mark>สาย</mark> 1&quot; &amp; &#x27;<mark>สาย</mark> 2&#x27; &lt;img src=x onerror=alert(1)&gt;"
        )
        assert highlight(text, [], whole=True) == escape(text)

    def test_the_longest_word_is_marked_whole(self):
        assert highlight("ถนนลาดยาง", ["ถนน", "ถนนลาดยาง"], whole=True) == "<mark>ถนนลาดยาง</mark>"

    def test_a_long_text_is_cut_around_the_first_match(self):
        html = highlight("ก" * 500 + "ถนน" + "ข" * 500, ["ถนน"])
        assert html.startswith("…") and html.endswith("…") and "<mark>ถนน</mark>" in html


class TestResultsPage:
    def test_results_show_kind_title_snippet_and_buddhist_era_date(self, client):
        publish("ข่าวการซ่อมถนน", body="<p>เริ่มซ่อมถนนสายหลักของตำบลแล้ว</p>")
        html = client.get("/search/", {"q": "ถนน"}).content.decode()
        assert "พบ 1 รายการ" in html
        assert "หน้าเนื้อหา" in html
        assert "<mark>ถนน</mark>" in html
        assert " 25" in html  # a Buddhist-era year

    def test_results_are_paginated(self, client):
        for number in range(23):
            publish(f"ประกาศถนนฉบับที่ {number}")
        first = client.get("/search/", {"q": "ถนน"}).content.decode()
        third = client.get("/search/", {"q": "ถนน", "page": 3}).content.decode()
        assert "พบ 23 รายการ" in first and "หน้า 1 จาก 3" in first
        assert third.count('class="search-result"') == 3

    def test_the_header_search_box_is_a_plain_get_form_on_every_page(self, client):
        html = client.get("/").content.decode()
        assert '<form class="site-search" role="search" method="get" action="/search/">' in html

    def test_the_results_page_runs_a_constant_number_of_queries(self, client, django_assert_max_num_queries):
        from django.test.utils import CaptureQueriesContext

        def count(n):
            for number in range(n):
                publish(f"ประกาศถนน {n}-{number}", slug=f"s{n}-{number}")
            with CaptureQueriesContext(connection) as queries:
                client.get("/search/", {"q": "ถนน"})
            Page.objects.all().delete()
            return len(queries)

        assert count(3) == count(30)


def test_rebuild_search_index_restores_a_lost_index(capsys):
    publish("ข่าวการซ่อมถนน")
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index")
    assert len(search("ถนน").ids) == 1
    assert "สร้างดัชนีค้นหาใหม่แล้ว 1 รายการ" in capsys.readouterr().out


def test_the_database_check_accepts_this_database():
    from django.core import checks

    errors = checks.run_checks(tags=[checks.Tags.database], databases=["default"])
    assert [error.id for error in errors if error.id.startswith("search.")] == []
