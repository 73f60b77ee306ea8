"""The plan's CSV layout, shared by the export (any filtered table) and the import (plans/services.py).

One row per project; one amount column and one source-of-funds column per fiscal year. Written as
UTF-8 with a byte-order mark, so that Excel opens the Thai text correctly.

What the file does not carry (the import page says so): the plan's own fields (title, approval date, status,
summary, note, signed PDF), guideline descriptions, and strategies or guidelines that have no project yet.
"""

import csv
import io
import re

from plans.budget import ZERO
from plans.models import BudgetLine

BOM = "\ufeff"
STRATEGY_NUMBER = "ยุทธศาสตร์ที่"
STRATEGY_TITLE = "ชื่อยุทธศาสตร์"
STRATEGY_DESCRIPTION = "คำอธิบายยุทธศาสตร์"
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
    STRATEGY_NUMBER, STRATEGY_TITLE, STRATEGY_DESCRIPTION, GUIDELINE_NUMBER, GUIDELINE_TITLE,
    PROJECT_NUMBER, PROJECT_NAME, OBJECTIVE, TARGET, LOCATION, VILLAGE, UNIT, INDICATOR, EXPECTED_RESULT,
]  # fmt: skip
REQUIRED_COLUMNS = [STRATEGY_NUMBER, PROJECT_NUMBER, PROJECT_NAME]
# [0-9], not \d: \d also matches digits of other scripts; the importer turns Thai digits into these first.
AMOUNT_COLUMN = re.compile(r"^งบประมาณ\s*(?:ปี\s*)?([0-9]{4})(?:\s*\(บาท\))?$")
SOURCE_COLUMN = re.compile(r"^แหล่งงบประมาณ\s*(?:ปี\s*)?([0-9]{4})$")
# Excel (and LibreOffice) run a cell that starts with one of these as a formula: "=HYPERLINK(...)" in a
# project name would become a link in the clerk's spreadsheet. Apostrophes already in front are counted
# too, so that taking one apostrophe off on import gives back exactly what was exported.
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")


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


def text_cell(value):
    """A text cell as written to the file: "=1+1" → "'=1+1", so that a spreadsheet shows it instead of running it.

    Only text goes through here; numbers and amounts are written as they are, so that Excel can add them up.
    """
    value = str(value)
    return "'" + value if FORMULA_START.match(value) else value


def text_from_cell(value):
    """The inverse of ``text_cell``: "'=1+1" → "=1+1"; an apostrophe before ordinary text is kept."""
    value = value or ""
    return value[1:] if value.startswith("'") and FORMULA_START.match(value[1:]) else value


def project_row(project, years):
    guideline = project.guideline
    lines = {line.fiscal_year: line for line in project.budget_lines.all()}
    row = [
        project.strategy.number,
        text_cell(project.strategy.title),
        text_cell(project.strategy.description),
        guideline.number if guideline else "",
        text_cell(guideline.title) if guideline else "",
        project.number,
        text_cell(project.name),
        text_cell(project.objective),
        text_cell(project.target),
        text_cell(project.location),
        project.village or "",
        text_cell(project.unit.name) if project.unit else "",
        text_cell(project.indicator),
        text_cell(project.expected_result),
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
