"""The plan's CSV layout, shared by the export (any filtered table) and the import (plans/services.py).

One row per project; one amount column and one source-of-funds column per fiscal year. Written as
UTF-8 with a byte-order mark, so that Excel opens the Thai text correctly.
"""

import csv
import io
import re

from plans.budget import ZERO
from plans.models import BudgetLine

BOM = "\ufeff"
STRATEGY_NUMBER = "ยุทธศาสตร์ที่"
STRATEGY_TITLE = "ชื่อยุทธศาสตร์"
GUIDELINE_NUMBER = "แนวทางที่"
GUIDELINE_TITLE = "แนวทางการพัฒนา"
PROJECT_NUMBER = "ลำดับโครงการ"
PROJECT_NAME = "ชื่อโครงการ"
OBJECTIVE = "วัตถุประสงค์"
TARGET = "เป้าหมาย (ผลผลิต)"
LOCATION = "สถานที่ดำเนินการ"
VILLAGE = "หมู่ที่"
UNIT = "หน่วยงานรับผิดชอบ"
INDICATOR = "ตัวชี้วัด"
EXPECTED_RESULT = "ผลที่คาดว่าจะได้รับ"
TOTAL = "รวม (บาท)"
LEADING_COLUMNS = [
    STRATEGY_NUMBER, STRATEGY_TITLE, GUIDELINE_NUMBER, GUIDELINE_TITLE, PROJECT_NUMBER, PROJECT_NAME,
    OBJECTIVE, TARGET, LOCATION, VILLAGE, UNIT, INDICATOR, EXPECTED_RESULT,
]  # fmt: skip
REQUIRED_COLUMNS = [STRATEGY_NUMBER, PROJECT_NUMBER, PROJECT_NAME]
AMOUNT_COLUMN = re.compile(r"^งบประมาณ\s*(?:ปี\s*)?(\d{4})(?:\s*\(บาท\))?$")
SOURCE_COLUMN = re.compile(r"^แหล่งงบประมาณ\s*(?:ปี\s*)?(\d{4})$")


def amount_column(year):
    return f"งบประมาณ {year} (บาท)"


def source_column(year):
    return f"แหล่งงบประมาณ {year}"


def header(years):
    columns = list(LEADING_COLUMNS)
    for year in years:
        columns += [amount_column(year), source_column(year)]
    return columns + [TOTAL]


def plain_amount(value):
    """1250000.00 → "1250000"; 99.50 → "99.50": numbers Excel reads as numbers, with no thousands separator."""
    if value is None:
        return ""
    return f"{value:.0f}" if value == value.to_integral_value() else f"{value:.2f}"


def project_row(project, years):
    guideline = project.guideline
    lines = {line.fiscal_year: line for line in project.budget_lines.all()}
    row = [
        project.strategy.number,
        project.strategy.title,
        guideline.number if guideline else "",
        guideline.title if guideline else "",
        project.number,
        project.name,
        project.objective,
        project.target,
        project.location,
        project.village or "",
        project.unit.name if project.unit else "",
        project.indicator,
        project.expected_result,
    ]
    total = ZERO
    for year in years:
        line = lines.get(year)
        row += [plain_amount(line.amount) if line else "", line.get_source_display() if line else ""]
        total += line.amount if line else ZERO
    return row + [plain_amount(total)]


def export_csv(projects, years) -> bytes:
    """Projects (strategy, guideline, unit selected; budget_lines prefetched) as UTF-8 CSV with a BOM."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(years))
    for project in projects:
        writer.writerow(project_row(project, years))
    return buffer.getvalue().encode("utf-8")


SOURCE_BY_TEXT = {
    **{label: value for value, label in BudgetLine.Source.choices},
    **{value: value for value in BudgetLine.Source.values},
}
