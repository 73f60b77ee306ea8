"""Procurement notices in public: drafts invisible everywhere, the rules a clerk's notice must follow, files
served safely, the latest notices on the home page, and budget ordinances with their chart."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from procurement.models import BudgetLine, BudgetOrdinance, Notice, ProcurementPlan, Status
from tests.documents_tests.builders import clerk, pdf_bytes
from tests.procurement_tests.builders import Type, notice

pytestmark = pytest.mark.django_db


class TestNotices:
    def test_the_fiscal_year_follows_the_date(self):
        assert notice(day=datetime.date(2025, 9, 30)).fiscal_year == 2568
        assert notice(day=datetime.date(2025, 10, 1)).fiscal_year == 2569

    def test_a_winner_notice_names_the_winner_and_the_price(self):
        item = Notice(notice_type=Type.WINNER, title="ประกาศผู้ชนะ", project_name="งาน", method="specific",
                      budget=Decimal("100"), announced_on=datetime.date(2025, 10, 5))  # fmt: skip
        with pytest.raises(ValidationError) as error:
            item.full_clean()
        assert set(error.value.error_dict) == {"winner", "contract_amount"}

    def test_a_contract_over_the_budget_is_refused(self):
        item = notice(budget="100.00", contract="100.00")
        item.contract_amount = Decimal("100.01")
        with pytest.raises(ValidationError) as error:
            item.full_clean()
        assert error.value.error_dict["contract_amount"][0].code == "contract_over_budget"

    def test_drafts_are_invisible_to_the_public_everywhere(self):
        draft = notice("ร่างประกาศเชิญชวน ซ่อมถนน", notice_type=Type.INVITATION, status=Status.DRAFT)
        client = Client()
        for url in ["/procurement/", "/procurement/2569/", "/procurement/2569/summary/11/", "/sitemap.xml", "/"]:
            response = client.get(url)
            assert response.status_code == 200
            assert "ร่างประกาศเชิญชวน" not in response.content.decode(), url
        assert client.get(draft.get_absolute_url()).status_code == 404
        client.force_login(clerk())
        assert "ตัวอย่างสำหรับเจ้าหน้าที่" in client.get(draft.get_absolute_url()).content.decode()

    def test_the_latest_notices_are_on_the_home_page(self):
        notice("ประกาศผู้ชนะ ซื้อครุภัณฑ์คอมพิวเตอร์")
        page = Client().get("/").content.decode()
        assert "ประกาศจัดซื้อจัดจ้างล่าสุด" in page and "ซื้อครุภัณฑ์คอมพิวเตอร์" in page

    def test_a_notice_file_is_served_with_its_checked_type_and_a_sandbox(self):
        item = notice(file=SimpleUploadedFile("ประกาศ.pdf", pdf_bytes()))
        response = Client().get(f"/procurement/notice/{item.pk}/notice/")
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox"
        assert Client().get(f"/procurement/notice/{item.pk}/median-price/").status_code == 404

    def test_the_plan_of_a_year(self):
        ProcurementPlan.objects.create(
            fiscal_year=2569, status=Status.PUBLISHED, file=SimpleUploadedFile("แผน.pdf", pdf_bytes())
        )
        page = Client().get("/procurement/2569/").content.decode()
        assert "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ 2569" in page
        assert Client().get("/procurement/2569/plan.pdf")["Content-Security-Policy"] == "sandbox"


class TestBudgetOrdinances:
    def build(self, year, total, lines, status=Status.PUBLISHED):
        ordinance = BudgetOrdinance.objects.create(fiscal_year=year, total=Decimal(total), status=status)
        for order, (name, amount) in enumerate(lines):
            BudgetLine.objects.create(ordinance=ordinance, programme=name, amount=Decimal(amount), order=order)
        return ordinance

    def test_a_chart_compares_the_published_years(self):
        self.build(2568, "30000000.00", [("แผนงานบริหารงานทั่วไป", "30000000.00")])
        self.build(2569, "32500000.00", [("แผนงานบริหารงานทั่วไป", "12500000.00"), ("แผนงานเคหะและชุมชน", "20000000.00")])
        self.build(2570, "1.00", [], status=Status.DRAFT)
        response = Client().get("/budget/")
        page = response.content.decode()
        assert "<svg" in page and "ปี 2568" in page and "ปี 2569" in page and "ปี 2570" not in page
        assert "32.50 ล้านบาท" in page
        assert Client().get("/budget/2570/").status_code == 404

    def test_the_page_of_a_year_lists_its_programmes_and_their_sum(self):
        self.build(2569, "32500000.00", [("แผนงานบริหารงานทั่วไป", "12500000.00"), ("แผนงานเคหะและชุมชน", "20000000.00")])
        page = Client().get("/budget/2569/").content.decode()
        assert "แผนงานเคหะและชุมชน" in page and "32,500,000.00" in page
