"""The monthly summary (แบบ สขร.1) and the annual procurement report, computed from the notices' records:
nothing is typed twice. Money stays Decimal from the database to the page and the CSV file."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from procurement.models import FISCAL_MONTHS, ZERO, Notice, month_bounds, month_label

BOM = "\ufeff"
SUMMARY_COLUMNS = [
    "ลำดับที่",
    "งานที่จัดซื้อหรือจัดจ้าง",
    "วงเงินที่จะซื้อหรือจ้าง (บาท)",
    "ราคากลาง (บาท)",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือก",
    "ราคาที่ตกลงซื้อหรือจ้าง (บาท)",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่สัญญาหรือข้อตกลง",
    "วันที่ของสัญญาหรือข้อตกลง",
    "เลขที่โครงการ e-GP",
    "แหล่งงบประมาณ",
]


@dataclass
class MonthlySummary:
    fiscal_year: int
    month: int
    rows: list
    total_budget: Decimal
    total_contract: Decimal

    @property
    def label(self):
        return month_label(self.fiscal_year, self.month)


@dataclass
class MethodLine:
    method: str
    label: str
    count: int = 0
    budget: Decimal = ZERO
    contract: Decimal = ZERO


@dataclass
class AnnualReport:
    fiscal_year: int
    by_method: list
    by_month: list  # (label, count, contract)
    rows: list = field(default_factory=list)
    total_count: int = 0
    total_budget: Decimal = ZERO
    total_contract: Decimal = ZERO


def awards(fiscal_year=None):
    """The published award notices (ประกาศผู้ชนะ): each is one purchase of the summary."""
    notices = Notice.objects.published().awards()
    if fiscal_year is not None:
        notices = notices.filter(fiscal_year=fiscal_year)
    return notices.order_by("announced_on", "pk")


def monthly_summary(fiscal_year: int, month: int) -> MonthlySummary:
    first, last = month_bounds(fiscal_year, month)
    rows = list(awards().filter(announced_on__range=(first, last)))
    return MonthlySummary(
        fiscal_year=fiscal_year,
        month=month,
        rows=rows,
        total_budget=sum((row.budget for row in rows), ZERO),
        total_contract=sum((row.contract_amount or ZERO for row in rows), ZERO),
    )


def annual_report(fiscal_year: int) -> AnnualReport:
    rows = list(awards(fiscal_year))
    by_method = {value: MethodLine(value, label) for value, label in Notice.Method.choices}
    by_month = {month: [0, ZERO] for month in FISCAL_MONTHS}
    for row in rows:
        line = by_method[row.method]
        line.count += 1
        line.budget += row.budget
        line.contract += row.contract_amount or ZERO
        by_month[row.announced_on.month][0] += 1
        by_month[row.announced_on.month][1] += row.contract_amount or ZERO
    return AnnualReport(
        fiscal_year=fiscal_year,
        by_method=[line for line in by_method.values() if line.count],
        by_month=[(month, month_label(fiscal_year, month), *by_month[month]) for month in FISCAL_MONTHS],
        rows=rows,
        total_count=len(rows),
        total_budget=sum((row.budget for row in rows), ZERO),
        total_contract=sum((row.contract_amount or ZERO for row in rows), ZERO),
    )


def _money(value):
    return "" if value is None else f"{value:.2f}"


def _thai_date(value):
    return f"{value.day:02d}/{value.month:02d}/{value.year + 543}" if value else ""


def summary_row(number, notice):
    return [
        str(number),
        notice.project_name,
        _money(notice.budget),
        _money(notice.median_price),
        notice.get_method_display(),
        notice.bidders.strip(),
        notice.winner,
        _money(notice.contract_amount),
        notice.reason,
        notice.contract_number,
        _thai_date(notice.contract_date),
        notice.egp_number,
        notice.budget_source,
    ]


def summary_csv(summary: MonthlySummary) -> str:
    """UTF-8 with a byte-order mark, so that Excel opens the Thai text correctly; amounts as plain numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([f"สรุปผลการดำเนินการจัดซื้อจัดจ้าง (แบบ สขร.1) เดือน{summary.label} ปีงบประมาณ {summary.fiscal_year}"])
    writer.writerow(SUMMARY_COLUMNS)
    if not summary.rows:
        writer.writerow(["", "ไม่มีการจัดซื้อจัดจ้าง"])
    for number, notice in enumerate(summary.rows, start=1):
        writer.writerow(summary_row(number, notice))
    writer.writerow(["", "รวม", _money(summary.total_budget), "", "", "", "", _money(summary.total_contract)])
    return BOM + buffer.getvalue()


def annual_csv(report: AnnualReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([f"รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ {report.fiscal_year}"])
    writer.writerow(["วิธีซื้อหรือจ้าง", "จำนวนโครงการ", "วงเงินรวม (บาท)", "ราคาที่ตกลงรวม (บาท)"])
    for line in report.by_method:
        writer.writerow([line.label, line.count, _money(line.budget), _money(line.contract)])
    writer.writerow(["รวม", report.total_count, _money(report.total_budget), _money(report.total_contract)])
    writer.writerow([])
    writer.writerow(SUMMARY_COLUMNS)
    for number, notice in enumerate(report.rows, start=1):
        writer.writerow(summary_row(number, notice))
    return BOM + buffer.getvalue()
