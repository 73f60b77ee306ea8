"""The document centre as the public and clerks see it: filters, Thai search, files served safely, and drafts
invisible everywhere to the public but previewable by clerks."""

import datetime
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import Document
from tests.documents_tests.builders import Status, add_file, clerk, document, docx_bytes, unit

pytestmark = pytest.mark.django_db


def get(url, **params):
    return Client().get(url, params)


class TestDocumentCentre:
    def test_lists_published_documents_with_their_type_year_and_unit(self):
        office = unit()
        document("แผนอัตรากำลัง 3 ปี", slug="plans", issuing_unit=office, files=1)
        page = get("/documents/").content.decode()
        assert "แผนอัตรากำลัง 3 ปี" in page
        assert "ปีงบประมาณ 2569" in page
        assert "สำนักปลัด" in page

    def test_filters_by_type_fiscal_year_and_unit(self):
        office, finance = unit(), unit("ส่วนการคลัง", "finance")
        document("รายงานปี 68", day=datetime.date(2025, 9, 30), issuing_unit=office)
        document("รายงานปี 69", day=datetime.date(2025, 10, 1), issuing_unit=finance)
        document("คู่มือประชาชน", slug="manuals", issuing_unit=office)
        assert titles(get("/documents/", year=2568)) == {"รายงานปี 68"}
        assert titles(get("/documents/", type="manuals")) == {"คู่มือประชาชน"}
        assert titles(get("/documents/", unit=finance.pk)) == {"รายงานปี 69"}
        assert titles(get("/documents/type/reports/", year=2569)) == {"รายงานปี 69"}

    def test_a_stale_filter_is_ignored_not_an_error(self):
        document("รายงาน")
        response = get("/documents/", type="gone", year="abc", page="99")
        assert response.status_code == 200

    def test_thai_words_typed_without_spaces_find_a_title(self):
        document("แผนการบริหารและพัฒนาทรัพยากรบุคคล")
        document("คู่มือการขอรับบริการ", slug="manuals")
        assert titles(get("/documents/", q="ทรัพยากรบุคคล")) == {"แผนการบริหารและพัฒนาทรัพยากรบุคคล"}
        assert titles(get("/documents/", q="พัฒนาแผน")) == {"แผนการบริหารและพัฒนาทรัพยากรบุคคล"}  # words in another order
        assert titles(get("/documents/", q="คู่มือ บริการ")) == {"คู่มือการขอรับบริการ"}
        assert titles(get("/documents/", q="ไม่มีคำนี้")) == set()

    def test_a_search_never_loads_pythainlps_own_dictionary(self):
        # Its trie of Python objects takes about 75 MiB in the worker: the site's lean word list does the work.
        from pythainlp.tokenize import word_dict_trie

        word_dict_trie.cache_clear()
        document("แผนการบริหารและพัฒนาทรัพยากรบุคคล")
        assert titles(get("/documents/", q="พัฒนาแผน")) == {"แผนการบริหารและพัฒนาทรัพยากรบุคคล"}
        assert word_dict_trie.cache_info().currsize == 0

    def test_a_page_per_type(self):
        document("คำสั่งแต่งตั้งคณะกรรมการ", slug="orders")
        document("รายงานประจำปี")
        assert titles(get("/documents/type/orders/")) == {"คำสั่งแต่งตั้งคณะกรรมการ"}
        assert get("/documents/type/nothing/").status_code == 404

    def test_the_detail_page_shows_each_file_with_its_kind_and_size(self):
        item = document("รายงานการประชุมสภา", slug="minutes")
        add_file(item, "รายงาน.pdf")
        add_file(item, "ภาคผนวก.docx", docx_bytes())
        page = get(item.get_absolute_url()).content.decode()
        assert "ไฟล์ PDF ขนาด" in page and "ไฟล์ Word ขนาด" in page
        assert "ภาคผนวก.docx" in page


def titles(response):
    assert response.status_code == 200
    return {document.title for document in response.context["documents"]}


class TestFiles:
    def test_served_with_their_checked_type_nosniff_and_a_sandbox(self):
        item = document()
        pdf = add_file(item, "รายงานผล.pdf")
        word = add_file(item, "แบบฟอร์ม.docx", docx_bytes())
        response = get(pdf.get_absolute_url())
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox"
        assert "filename*=UTF-8''%E0%B8%A3" in response["Content-Disposition"]
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        response = get(word.get_absolute_url())
        assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        assert response["Content-Security-Policy"] == "sandbox"

    def test_files_are_not_under_the_public_media_folder(self, settings):
        pdf = add_file(document())
        assert str(settings.PRIVATE_MEDIA_ROOT) in pdf.file.path
        assert not pdf.file.path.startswith(str(settings.MEDIA_ROOT) + "/")

    def test_a_pdf_gets_a_first_page_preview(self):
        pdf = add_file(document())
        assert pdf.preview
        response = get(pdf.get_preview_url())
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")

    def test_without_pdftoppm_there_is_no_preview_and_no_error(self):
        with mock.patch("core.document_files.shutil.which", return_value=None):
            pdf = add_file(document())
        assert not pdf.preview
        page = get(pdf.document.get_absolute_url()).content.decode()
        assert "preview.png" not in page

    def test_a_broken_pdf_gets_no_preview(self):
        pdf = add_file(document(), content=b"%PDF-1.4\nnot really a pdf")
        assert not pdf.preview

    def test_a_file_missing_from_storage_is_a_404(self):
        pdf = add_file(document())
        pdf.file.storage.delete(pdf.file.name)
        assert get(pdf.get_absolute_url()).status_code == 404


class TestDrafts:
    @pytest.fixture
    def draft(self):
        item = document("ร่างแผนป้องกันการทุจริต", slug="plans", status=Status.DRAFT)
        add_file(item)
        return item

    def test_invisible_to_the_public_everywhere(self, draft):
        client = Client()
        for url in ["/documents/", "/documents/type/plans/", "/documents/rss/", "/sitemap.xml"]:
            response = client.get(url)
            assert response.status_code == 200
            assert "ร่างแผนป้องกันการทุจริต" not in response.content.decode(), url
            assert f"/documents/{draft.pk}/" not in response.content.decode(), url
        assert client.get(draft.get_absolute_url()).status_code == 404
        file = draft.files.get()
        assert client.get(file.get_absolute_url()).status_code == 404
        assert client.get(file.get_preview_url()).status_code == 404

    def test_a_clerk_previews_it_behind_a_banner_and_its_files_are_not_cached(self, draft):
        client = Client()
        client.force_login(clerk())
        page = client.get(draft.get_absolute_url()).content.decode()
        assert "ตัวอย่างสำหรับเจ้าหน้าที่" in page
        response = client.get(draft.files.get().get_absolute_url())
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "ร่างแผนป้องกันการทุจริต" not in client.get("/documents/").content.decode()

    def test_published_documents_appear_in_the_feed_and_the_sitemap(self, draft):
        Document.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
        assert "ร่างแผนป้องกันการทุจริต" in get("/documents/rss/").content.decode()
        assert f"/documents/{draft.pk}/" in get("/sitemap.xml").content.decode()


@pytest.mark.django_db(transaction=True)
class TestSiteSearch:
    def test_a_published_document_is_found_a_draft_is_not(self):
        from search.engine import search
        from search.models import SearchEntry

        item = document("ประมวลจริยธรรมของพนักงานส่วนท้องถิ่น", slug="regulations")
        found = SearchEntry.objects.filter(pk__in=search("จริยธรรม").ids, kind="document")
        assert set(found.values_list("object_id", flat=True)) == {item.pk}
        Document.objects.filter(pk=item.pk).update(status=Status.DRAFT)
        assert "ประมวลจริยธรรม" not in Client().get(reverse("search:results"), {"q": "จริยธรรม"}).content.decode()
