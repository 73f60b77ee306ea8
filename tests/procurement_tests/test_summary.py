"""แบบ สขร.1 and the annual report come from the notices' records: the totals add up exactly (Decimal, never
float), drafts and other notice types stay out, the CSV opens in Excel with its Thai intact."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.test import Client

from procurement import reports
from procurement.models import Notice, Status, month_bounds, month_label
from tests.procurement_tests.builders import Method, Type, notice

pytestmark = pytest.mark.django_db

# Amounts whose float sum is not exact: 0.1 + 0.2 != 0.3 in binary floating point.
AMOUNTS = ["0.10", "0.20", "1234567.89", "99999999.99", "0.01", "45000.33", "12.34"]


@pytest.fixture
def november():
    for index, amount in enumerate(AMOUNTS):
        notice(
            f"ประกาศผู้ชนะ งานที่ {index}", day=datetime.date(2025, 11, 1 + index), budget="999999999.99", contract=amount
        )
    notice("ประกาศเชิญชวน งานใหญ่", notice_type=Type.INVITATION, day=datetime.date(2025, 11, 3))
    notice("ร่างประกาศผู้ชนะ", day=datetime.date(2025, 11, 4), status=Status.DRAFT, contract="777.00")
    notice("ประกาศผู้ชนะ เดือนธันวาคม", day=datetime.date(2025, 12, 1), contract="5.00")
    notice("ประกาศผู้ชนะ 30 ตุลาคม", day=datetime.date(2025, 10, 31), contract="3.00")


def test_the_months_of_a_fiscal_year():
    assert month_bounds(2569, 10) == (datetime.date(2025, 10, 1), datetime.date(2025, 10, 31))
    assert month_bounds(2569, 2) == (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    assert month_label(2569, 11) == "พฤศจิกายน 2568"
    assert month_label(2569, 1) == "มกราคม 2569"


def test_a_month_adds_up_exactly_to_the_contracts_of_its_award_notices(november):
    summary = reports.monthly_summary(2569, 11)
    assert [row.title for row in summary.rows] == [f"ประกาศผู้ชนะ งานที่ {index}" for index in range(len(AMOUNTS))]
    expected = sum((Decimal(amount) for amount in AMOUNTS), Decimal("0"))
    assert summary.total_contract == expected == Decimal("101279580.86")
    assert isinstance(summary.total_contract, Decimal)
    in_database = (
        Notice.objects.published()
        .awards()
        .filter(announced_on__range=month_bounds(2569, 11))
        .aggregate(total=Sum("contract_amount"))["total"]
    )
    assert summary.total_contract == in_database


def test_the_web_page_shows_the_same_total(november):
    response = Client().get("/procurement/2569/summary/11/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "101,279,580.86 บาท" in page
    assert "ร่างประกาศผู้ชนะ" not in page and "ประกาศเชิญชวน งานใหญ่" not in page
    assert "เดือนธันวาคม" not in page


def test_a_month_without_purchases_says_so():
    page = Client().get("/procurement/2569/summary/3/").content.decode()
    assert "ไม่มีการจัดซื้อจัดจ้าง" in page


def test_a_month_that_does_not_exist_is_a_404():
    assert Client().get("/procurement/2569/summary/13/").status_code == 404


def test_the_csv_has_a_bom_thai_text_and_exact_amounts(november):
    response = Client().get("/procurement/2569/summary/11/csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == reports.SUMMARY_COLUMNS
    body = rows[2:-1]
    assert [row[7] for row in body] == AMOUNTS
    assert sum(Decimal(row[7]) for row in body) == Decimal(rows[-1][7]) == Decimal("101279580.86")
    assert body[0][4] == "วิธีเฉพาะเจาะจง" and body[0][6] == "ร้านตัวอย่างการค้า"
    # What Excel reads: the BOM tells it UTF-8, so the Thai comes through intact.
    assert "งานที่จัดซื้อหรือจัดจ้าง" in response.content.decode("utf-8-sig")


def test_the_printable_page_stands_alone(november):
    response = Client().get("/procurement/2569/summary/11/print/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "procurement-print.css" in page and 'class="site-nav' not in page
    assert "101,279,580.86" in page


def test_the_annual_report_adds_up_by_method_and_month(november):
    notice(
        "งานประกวดราคา",
        day=datetime.date(2026, 3, 5),
        method=Method.E_BIDDING,
        budget="2000000.00",
        contract="1999999.99",
    )
    report = reports.annual_report(2569)
    expected = sum((Decimal(amount) for amount in [*AMOUNTS, "5.00", "3.00", "1999999.99"]), Decimal("0"))
    assert report.total_contract == expected
    assert sum((line.contract for line in report.by_method), Decimal("0")) == expected
    assert sum((contract for _, _, _, contract in report.by_month), Decimal("0")) == expected
    assert {line.method: line.count for line in report.by_method} == {"specific": 9, "e_bidding": 1}
    response = Client().get("/procurement/2569/report/csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0].startswith("รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ 2569")
    assert Client().get("/procurement/2569/report/").status_code == 200
    assert Client().get("/procurement/2569/report/print/").status_code == 200
