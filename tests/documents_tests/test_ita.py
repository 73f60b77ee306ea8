"""The ITA hub: the 2568 list comes with the migrations, a year's page shows every item with its links in a
fixed number of queries, a clerk copies a year forward without touching it, the admin names the items with
nothing published behind them, and a command follows every link."""

import io
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from documents.models import AssessmentYear, Document, ItaItem, ItaLink
from documents.services import assessment_year_copy, missing_items
from tests.documents_tests.builders import Status, add_file, clerk, document, ita_year

pytestmark = pytest.mark.django_db


def snapshot(year):
    return [
        (item.code, item.title, item.group, item.description, item.order,
         [(link.label, link.document_id, link.url, link.url_name, link.order) for link in item.links.all()])
        for item in AssessmentYear.objects.get(year=year).items.prefetch_related("links")
    ]  # fmt: skip


class TestThe2568List:
    def test_o1_to_o26_with_their_groups(self):
        year = AssessmentYear.objects.get(year=2568)
        codes = list(year.items.values_list("code", flat=True))
        assert codes == [f"O{number}" for number in range(1, 27)]
        assert year.items.get(code="O12").group.startswith("9.3")
        assert year.items.get(code="O26").title == "รายงานผลการดำเนินการตามแผนป้องกันการทุจริต"
        assert not year.is_published  # a clerk publishes a year once its links are in


class TestPublicHub:
    def test_every_item_with_its_links(self):
        assessment = ita_year(2569, items=3)
        ItaLink.objects.create(item=assessment.items.get(code="O1"), url="/documents/", label="ศูนย์ข้อมูลข่าวสาร")
        ItaLink.objects.create(
            item=assessment.items.get(code="O2"), url="https://process3.gprocurement.go.th/", label="e-GP"
        )
        page = Client().get("/ita/2569/").content.decode()
        for code in ("O1", "O2", "O3"):
            assert f'id="{code}"' in page
        assert "เอกสารข้อ 1-0" in page and 'href="/documents/"' in page
        assert 'rel="noopener external"' in page

    def test_a_link_to_a_draft_document_is_hidden_from_the_public(self):
        assessment = ita_year(2569, items=1, links_per_item=0)
        draft = document("ร่างคู่มือ", status=Status.DRAFT)
        ItaLink.objects.create(item=assessment.items.get(), document=draft)
        page = Client().get("/ita/2569/").content.decode()
        assert "ร่างคู่มือ" not in page and "อยู่ระหว่างจัดเตรียมข้อมูล" in page
        client = Client()
        client.force_login(clerk())
        assert "ร่างคู่มือ" in client.get("/ita/2569/").content.decode()

    def test_a_link_to_a_page_by_name_shows_once_the_page_exists(self):
        assessment = ita_year(2569, items=2, links_per_item=0)
        first, second = assessment.items.all()
        ItaLink.objects.create(item=first, url_name="services:statistics", label="สถิติการให้บริการ")
        ItaLink.objects.create(item=second, url_name="documents:index", label="ศูนย์ข้อมูลข่าวสาร")
        page = Client().get("/ita/2569/").content.decode()
        assert "สถิติการให้บริการ" not in page  # no such page yet (the resident-services section adds it)
        assert 'href="/documents/"' in page

    def test_an_unpublished_year_is_a_404_for_the_public(self):
        ita_year(2570, published=False)
        assert Client().get("/ita/2570/").status_code == 404

    def test_ita_leads_to_the_current_or_latest_published_year(self):
        ita_year(2560)
        ita_year(2561, published=False)
        response = Client().get("/ita/")
        assert response.status_code == 200
        assert response.context["assessment"].year == 2560
        assert 'rel="canonical" href="http://testserver/ita/2560/"' in response.content.decode()

    @pytest.mark.parametrize(("items", "links"), [(3, 1), (26, 3)])
    def test_constant_queries_whatever_the_items_and_links(self, items, links, django_assert_num_queries):
        ita_year(2569, items=items, links_per_item=links)
        ItaLink.objects.create(item=ItaItem.objects.first(), url="/documents/")
        # shell (profile, menu), the year, its items, their links with documents, the other years
        with django_assert_num_queries(6):
            assert Client().get("/ita/2569/").status_code == 200


class TestCopyForward:
    def test_copying_keeps_every_item_and_link_and_changes_nothing_of_the_source(self):
        ita_year(2569, items=4, links_per_item=2)
        ItaLink.objects.create(item=ItaItem.objects.first(), url="https://process3.gprocurement.go.th/", label="e-GP")
        before = snapshot(2569)
        copy = assessment_year_copy(source=AssessmentYear.objects.get(year=2569), to_year=2570)
        assert snapshot(2570) == before
        assert snapshot(2569) == before
        assert not copy.is_published
        assert ItaLink.objects.filter(item__year__year=2569).count() == 9

    def test_a_year_that_exists_is_not_overwritten(self):
        ita_year(2569)
        ita_year(2570, items=1, links_per_item=0)
        with pytest.raises(ValidationError):
            assessment_year_copy(source=AssessmentYear.objects.get(year=2569), to_year=2570)
        assert AssessmentYear.objects.get(year=2570).items.count() == 1

    def test_a_clerk_copies_a_year_with_one_admin_action(self):
        source = ita_year(2569, items=2)
        client = Client()
        client.force_login(clerk())
        response = client.post(
            "/admin/documents/assessmentyear/",
            {"action": "copy_to_next_year", "_selected_action": [source.pk]},
            follow=True,
        )
        assert response.status_code == 200
        assert "คัดลอกปี 2569 เป็นปี 2570 แล้ว" in response.content.decode()
        assert snapshot(2570) == snapshot(2569)


class TestMissingItems:
    def test_items_with_no_link_or_only_drafts_are_missing(self):
        assessment = ita_year(2569, items=3)
        first, second, third = assessment.items.all()
        first.links.all().delete()
        Document.objects.filter(ita_links__item=second).update(status=Status.DRAFT)
        assert [item.code for item in missing_items(assessment)] == ["O1", "O2"]

    def test_the_admin_page_lists_them_for_a_clerk(self):
        assessment = ita_year(2569, items=2)
        assessment.items.get(code="O2").links.all().delete()
        client = Client()
        client.force_login(clerk())
        page = client.get(f"/admin/documents/assessmentyear/{assessment.pk}/missing/").content.decode()
        assert "O2" in page and ">O1<" not in page
        changelist = client.get("/admin/documents/assessmentyear/").content.decode()
        assert "ยังขาด 1 ข้อ" in changelist

    def test_the_missing_page_is_for_staff_only(self):
        assessment = ita_year(2569, items=1)
        response = Client().get(f"/admin/documents/assessmentyear/{assessment.pk}/missing/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


class TestLinkRules:
    def test_a_link_has_exactly_one_target(self):
        item = ita_year(2569, items=1, links_per_item=0).items.get()
        with pytest.raises(ValidationError) as error:
            ItaLink(item=item).full_clean()
        assert error.value.error_dict["__all__"][0].code == "ita_link_one_target"
        with pytest.raises(ValidationError):
            ItaLink(item=item, url="/documents/", document=document()).full_clean()

    def test_a_path_of_this_site_must_exist(self):
        item = ita_year(2569, items=1, links_per_item=0).items.get()
        with pytest.raises(ValidationError) as error:
            ItaLink(item=item, url="/no-such-page/").full_clean()
        assert error.value.error_dict["url"][0].code == "ita_url_unknown"
        ItaLink(item=item, url="/documents/").full_clean()
        with pytest.raises(ValidationError):
            ItaLink(item=item, url="javascript:alert(1)").full_clean()


class TestLinkCheck:
    def run(self, *args):
        out = io.StringIO()
        try:
            call_command("check_ita_links", *args, stdout=out)
        except CommandError as error:
            return out.getvalue(), error
        return out.getvalue(), None

    def test_a_year_whose_links_all_work(self):
        assessment = ita_year(2569, items=2, links_per_item=0)
        for item in assessment.items.all():
            ItaLink.objects.create(item=item, document=add_file(document(f"เอกสาร {item.code}")).document)
        ItaLink.objects.create(item=assessment.items.first(), url="/documents/")
        output, error = self.run("2569")
        assert error is None, output
        assert "ทุกลิงก์ใช้งานได้" in output

    def test_reports_each_broken_link(self):
        assessment = ita_year(2569, items=5, links_per_item=0)
        o1, o2, o3, o4, o5 = assessment.items.all()
        ItaLink.objects.create(item=o1, document=document("ร่าง", status=Status.DRAFT))
        no_file = document("ไม่มีไฟล์")
        ItaLink.objects.create(item=o2, document=no_file)
        lost = add_file(document("ไฟล์หาย"))
        lost.file.storage.delete(lost.file.name)
        ItaLink.objects.create(item=o3, document=lost.document)
        ItaLink.objects.create(item=o4, url="/documents/999999/")
        ItaLink.objects.create(item=o5, url="https://example.invalid/egp", label="e-GP")
        with mock.patch("urllib.request.urlopen", side_effect=OSError("no route")):
            output, error = self.run("2569")
        assert error is not None
        for code, reason in [
            ("O1", "ฉบับร่าง"),
            ("O2", "ยังไม่มีไฟล์"),
            ("O3", "ไม่พบไฟล์"),
            ("O4", "HTTP 404"),
            ("O5", "เปิดไม่ได้"),
        ]:
            assert any(line.startswith(code) and reason in line for line in output.splitlines()), (code, output)

    def test_offline_skips_outside_addresses(self):
        assessment = ita_year(2569, items=1, links_per_item=0)
        ItaLink.objects.create(item=assessment.items.get(), url="https://example.invalid/egp")
        ItaLink.objects.create(item=assessment.items.get(), url="/documents/")
        with mock.patch("urllib.request.urlopen", side_effect=AssertionError("no network in --offline")):
            output, error = self.run("2569", "--offline")
        assert error is None, output

    def test_an_unknown_year(self):
        _, error = self.run("2400")
        assert error is not None
