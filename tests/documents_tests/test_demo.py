"""The sample content: an ITA hub for 2569 whose 26 items each lead somewhere that works, a procurement year
with a dozen notices over three months, and two budget ordinances."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from documents.models import AssessmentYear, ItaLink
from documents.services import assessment_year_copy
from procurement.models import BudgetOrdinance, Notice
from tests.documents_tests.test_ita import snapshot


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_content(demo, db):
    return None


def test_the_2569_hub_shows_o1_to_o26_each_with_a_working_link(demo_content, django_assert_num_queries):
    with django_assert_num_queries(6):
        response = Client().get("/ita/2569/")
    assert response.status_code == 200
    items = response.context["items"]
    assert [item.code for item in items] == [f"O{number}" for number in range(1, 27)]
    assert all(item.shown_links for item in items)
    assert all(link.document.is_sample for item in items for link in item.shown_links if link.document_id)
    out = io.StringIO()
    call_command("check_ita_links", "2569", "--offline", stdout=out)  # raises CommandError on a broken link
    assert "ทุกลิงก์ใช้งานได้" in out.getvalue()


def test_copying_the_demo_year_keeps_everything_and_changes_nothing(demo_content):
    before = snapshot(2569)
    assessment_year_copy(source=AssessmentYear.objects.get(year=2569), to_year=2570)
    assert snapshot(2570) == before == snapshot(2569)
    assert (
        ItaLink.objects.filter(item__year__year=2570).count() == ItaLink.objects.filter(item__year__year=2569).count()
    )


def test_procurement_and_budget_samples(demo_content):
    notices = Notice.objects.published()
    assert notices.count() == 12 and all(notice.is_sample for notice in notices)
    assert {notice.announced_on.month for notice in notices} == {10, 11, 12}
    assert BudgetOrdinance.objects.published().count() == 2
    assert "ไม่มีการจัดซื้อจัดจ้าง" not in Client().get("/procurement/2569/summary/11/").content.decode()


def test_the_menu_and_home_page_lead_to_the_document_centre_and_ita(demo_content):
    page = Client().get("/").content.decode()
    assert 'href="/documents/"' in page and 'href="/ita/"' in page
    assert "ประกาศจัดซื้อจัดจ้างล่าสุด" in page
