"""Writes that touch many rows of a plan. Used by the admin's import page and `manage.py import_plan` alike."""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from plans import csv_io
from plans.models import MAX_AMOUNT_DIGITS, BudgetLine, Guideline, Plan, Project, Strategy
from staff.models import Unit

# Numbers are read from ASCII digits only ([0-9], not \d, which also matches Arabic-Indic and other scripts'
# digits) after Thai digits (๐–๙, common in Thai documents) have been turned into them. str.isdigit() is not
# used: it is true for "²" and "①", which int() then refuses.
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
READABLE_DIGITS = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙")
DIGITS_HINT = " (ใช้ได้เฉพาะเลขอารบิก 0–9 หรือเลขไทย ๐–๙)"
WHOLE_NUMBER_PATTERN = re.compile(r"^[0-9]+$")
AMOUNT_PATTERN = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
VILLAGE_PATTERN = re.compile(r"^(?:หมู่\s*(?:ที่)?|ม\.)?\s*([0-9]{1,2})$")
WHOLE_SUBDISTRICT = {"ทั้งตำบล", "ทุกหมู่บ้าน", "-"}
ENCODING_HINT = (
    "ไฟล์ไม่ได้บันทึกเป็น UTF-8 (อาจบันทึกเป็น TIS-620/Windows-874 จาก Excel รุ่นเก่า) "
    "กรุณาเปิดไฟล์ใน Excel แล้วเลือก บันทึกเป็น → “CSV UTF-8 (Comma delimited)” แล้วนำเข้าใหม่"
)
# A workbook renamed to .csv: .xlsx is a zip archive, the old .xls an OLE2 compound file.
EXCEL_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
EXCEL_HINT = (
    "ไฟล์นี้เป็นไฟล์ Excel (.xlsx หรือ .xls) ที่เปลี่ยนชื่อเป็น .csv ไม่ใช่ไฟล์ CSV จริง "
    "กรุณาเปิดไฟล์ใน Excel แล้วเลือก ไฟล์ → บันทึกเป็น → ชนิดไฟล์ “CSV UTF-8 (Comma delimited) (*.csv)” "
    "แล้วนำเข้าไฟล์ .csv ที่ได้"
)


@dataclass(frozen=True)
class ImportProblem:
    line: int  # the line of the file, counting the header as line 1
    message: str
    code: str

    def __str__(self):
        return f"บรรทัดที่ {self.line}: {self.message}"


@dataclass
class ImportResult:
    problems: list = field(default_factory=list)
    strategies_created: int = 0
    strategies_updated: int = 0
    guidelines_created: int = 0
    projects_created: int = 0
    projects_updated: int = 0
    projects_deleted: int = 0
    budget_lines: int = 0

    @property
    def ok(self):
        return not self.problems

    def summary(self):
        return (
            f"นำเข้าเรียบร้อย: เพิ่มยุทธศาสตร์ {self.strategies_created} รายการ "
            f"ปรับปรุงคำอธิบายยุทธศาสตร์ {self.strategies_updated} รายการ เพิ่มแนวทาง {self.guidelines_created} รายการ "
            f"เพิ่มโครงการ {self.projects_created} โครงการ ปรับปรุง {self.projects_updated} โครงการ "
            f"ลบโครงการเดิม {self.projects_deleted} โครงการ งบประมาณรายปี {self.budget_lines} รายการ"
        )


@dataclass
class ParsedRow:
    line: int
    strategy_number: int
    strategy_title: str
    strategy_description: str
    guideline_number: int | None
    guideline_title: str
    number: int
    fields: dict
    unit: Unit | None
    budgets: dict  # year -> (amount, source)


def _clean(text):
    return " ".join((text or "").split())


def _digit_hint(text):
    """The hint to add when a cell holds digits of another script ("²", "①", "٣"), which cannot be read."""
    return DIGITS_HINT if any(char.isdigit() and char not in READABLE_DIGITS for char in text or "") else ""


def _is_excel_workbook(data: bytes):
    return data.startswith(EXCEL_SIGNATURES)


def _decode(data: bytes, problems):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for number, raw_line in enumerate(data.splitlines(), start=1):
        try:
            raw_line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(ImportProblem(number, ENCODING_HINT, "wrong_encoding"))
    if not problems:  # a character split across a line break: report the file as a whole
        problems.append(ImportProblem(1, ENCODING_HINT, "wrong_encoding"))
    return None


def _parse_amount(text, year, line, problems):
    """A cell of an amount column: "" → None; "1,250,000" or "1250000.50" → Decimal; anything else → a problem."""
    raw = _clean(text)
    cleaned = raw.translate(THAI_DIGITS).replace(",", "").replace(" ", "").removesuffix("บาท")
    if not cleaned:
        return None
    if not AMOUNT_PATTERN.match(cleaned):
        problems.append(
            ImportProblem(
                line,
                f"งบประมาณปี {year} “{raw}” ไม่ใช่ตัวเลข กรุณาใส่เฉพาะตัวเลข เช่น 1250000 หรือ 1,250,000" + _digit_hint(raw),
                "amount_not_a_number",
            )
        )
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees a number
        problems.append(ImportProblem(line, f"งบประมาณปี {year} “{raw}” ไม่ใช่ตัวเลข", "amount_not_a_number"))
        return None
    if amount < 0:
        problems.append(
            ImportProblem(line, f"งบประมาณปี {year} ติดลบ ({raw}) กรุณาใส่จำนวนเงินตั้งแต่ 0 บาทขึ้นไป", "amount_negative")
        )
        return None
    if amount != amount.quantize(Decimal("0.01")):
        problems.append(
            ImportProblem(line, f"งบประมาณปี {year} “{raw}” มีทศนิยมเกิน 2 ตำแหน่ง กรุณาปัดเป็นสตางค์", "amount_precision")
        )
        return None
    if amount >= Decimal(10) ** (MAX_AMOUNT_DIGITS - 2):
        problems.append(ImportProblem(line, f"งบประมาณปี {year} “{raw}” มากเกินไป กรุณาตรวจสอบตัวเลข", "amount_too_large"))
        return None
    return amount


def _parse_positive_int(text):
    text = _clean(text).translate(THAI_DIGITS)
    return int(text) if WHOLE_NUMBER_PATTERN.match(text) and int(text) > 0 else None


class _Reader:
    """Checks every row of one file against one plan; collects problems instead of stopping at the first."""

    def __init__(self, plan, text):
        self.plan = plan
        self.text = text
        self.problems = []
        self.rows = []
        self.keys = []
        self.years = []
        self.existing_strategies = {s.number: s for s in Strategy.objects.filter(plan=plan)} if plan.pk else {}
        self.units = {}
        for unit in Unit.objects.all():
            self.units[_clean(unit.name)] = unit
            self.units[unit.slug] = unit

    def problem(self, line, message, code):
        self.problems.append(ImportProblem(line, message, code))

    def read(self):
        try:
            records = list(self._records())
        except csv.Error as error:
            self.problem(1, f"อ่านไฟล์ CSV ไม่ได้ ({error}) กรุณาบันทึกจาก Excel เป็น CSV UTF-8 แล้วนำเข้าใหม่", "csv_invalid")
            return
        if not records:
            self.problem(1, "ไฟล์ว่าง กรุณาเลือกไฟล์ที่มีหัวตารางและรายการโครงการ", "empty_file")
            return
        header_line, header = records[0]
        if not self._read_header(header_line, header):
            return
        for line, values in records[1:]:
            if not any(_clean(v) for v in values):
                continue
            row = dict(zip(self.columns, values, strict=False))
            self._read_row(line, row)
        if not self.rows and not self.problems:
            self.problem(header_line, "ไม่พบรายการโครงการในไฟล์ กรุณาใส่โครงการใต้หัวตาราง", "no_rows")
        self._check_across_rows()

    def _records(self):
        reader = csv.reader(io.StringIO(self.text, newline=""))
        start = 1
        for values in reader:
            yield start, values
            start = reader.line_num + 1

    def _read_header(self, line, header):
        self.columns = [_clean(c).translate(THAI_DIGITS) for c in header]
        missing = [c for c in csv_io.REQUIRED_COLUMNS if c not in self.columns]
        if missing:
            self.problem(
                line,
                "ไม่พบคอลัมน์ " + ", ".join(f"“{c}”" for c in missing) + " กรุณาใช้หัวตารางตามไฟล์ที่ส่งออกจากเว็บไซต์",
                "missing_columns",
            )
            return False
        self.years = sorted({int(m.group(1)) for c in self.columns if (m := csv_io.AMOUNT_COLUMN.match(c))})
        if not self.years:
            self.problem(line, "ไม่พบคอลัมน์งบประมาณ เช่น “งบประมาณ 2553 (บาท)” กรุณาใส่อย่างน้อยหนึ่งปี", "missing_columns")
            return False
        if not self.plan.first_year:  # a new plan takes its years from the file
            self.plan.first_year, self.plan.last_year = self.years[0], self.years[-1]
        outside = [y for y in self.years if not self.plan.covers(y)]
        if outside:
            self.problem(
                line,
                f"ปีงบประมาณ {', '.join(map(str, outside))} อยู่นอกช่วงของแผน "
                f"({self.plan.first_year}–{self.plan.last_year}) "
                "กรุณาลบคอลัมน์ของปีนั้น หรือเลือกแผนให้ถูกต้อง",
                "year_outside_plan",
            )
            return False
        self.amount_columns = {int(m.group(1)): c for c in self.columns if (m := csv_io.AMOUNT_COLUMN.match(c))}
        self.source_columns = {int(m.group(1)): c for c in self.columns if (m := csv_io.SOURCE_COLUMN.match(c))}
        return True

    def _read_row(self, line, row):
        before = len(self.problems)
        row = self._without_nul(line, row)
        name = _clean(_text(row, csv_io.PROJECT_NAME))
        if not name:
            self.problem(line, "ชื่อโครงการว่าง กรุณาใส่ชื่อโครงการ", "empty_name")
        elif len(name) > 300:
            self.problem(line, "ชื่อโครงการยาวเกิน 300 ตัวอักษร กรุณาย่อชื่อ", "name_too_long")
        number_text = _clean(row.get(csv_io.PROJECT_NUMBER))
        number = _parse_positive_int(number_text)
        if number is None:
            self.problem(
                line,
                f"ลำดับโครงการ “{number_text}” ไม่ถูกต้อง กรุณาใส่เลข เช่น 1" + _digit_hint(number_text),
                "bad_number",
            )
        strategy_number, strategy_title, strategy_description = self._strategy(line, row)
        guideline_number = None
        guideline_title = _clean(_text(row, csv_io.GUIDELINE_TITLE))
        guideline_text = _clean(row.get(csv_io.GUIDELINE_NUMBER))
        if guideline_text or guideline_title:
            guideline_number = _parse_positive_int(guideline_text)
            if guideline_number is None or not guideline_title:
                self.problem(
                    line,
                    "แนวทางการพัฒนาต้องมีทั้งเลขแนวทาง (เช่น 1) และชื่อแนวทาง หรือเว้นว่างทั้งสองช่อง" + _digit_hint(guideline_text),
                    "bad_guideline",
                )
        village = None
        village_text = _clean(row.get(csv_io.VILLAGE))
        if village_text and village_text not in WHOLE_SUBDISTRICT:
            match = VILLAGE_PATTERN.match(village_text.translate(THAI_DIGITS))
            if match and int(match.group(1)) > 0:
                village = int(match.group(1))
            else:
                self.problem(
                    line,
                    f"หมู่ที่ “{village_text}” ไม่ถูกต้อง กรุณาใส่เลขหมู่ เช่น 3 หรือเว้นว่างถ้าทั้งตำบล" + _digit_hint(village_text),
                    "bad_village",
                )
        unit = None
        unit_text = _clean(_text(row, csv_io.UNIT))
        if unit_text:
            unit = self.units.get(unit_text)
            if unit is None:
                self.problem(
                    line,
                    f"ไม่พบหน่วยงาน “{unit_text}” กรุณาใช้ชื่อหน่วยงานตามหน้าโครงสร้างองค์กร เช่น ส่วนโยธา หรือเว้นว่าง",
                    "unknown_unit",
                )
        budgets = {}
        for year in self.years:
            amount = _parse_amount(row.get(self.amount_columns[year]), year, line, self.problems)
            source_text = _clean(_text(row, self.source_columns.get(year, "")))
            source = csv_io.SOURCE_BY_TEXT.get(source_text) if source_text else BudgetLine.Source.LOCAL
            if source is None:
                choices = ", ".join(BudgetLine.Source.labels)
                self.problem(
                    line, f"แหล่งงบประมาณปี {year} “{source_text}” ไม่ถูกต้อง กรุณาใช้ค่าใดค่าหนึ่ง: {choices}", "bad_source"
                )
            if amount is not None:
                budgets[year] = (amount, source)
        # Rows are compared with each other even when they are bad, so every conflict is reported at once.
        self.keys.append(
            _RowKeys(
                line, strategy_number, strategy_title, strategy_description, guideline_number, guideline_title, number
            )
        )
        if len(self.problems) == before:
            self.rows.append(
                ParsedRow(
                    line=line,
                    strategy_number=strategy_number,
                    strategy_title=strategy_title,
                    strategy_description=strategy_description,
                    guideline_number=guideline_number,
                    guideline_title=guideline_title,
                    number=number,
                    fields={
                        "name": name,
                        "objective": _text(row, csv_io.OBJECTIVE).strip(),
                        "target": _text(row, csv_io.TARGET).strip(),
                        "location": _clean(_text(row, csv_io.LOCATION))[:300],
                        "village": village,
                        "indicator": _text(row, csv_io.INDICATOR).strip(),
                        "expected_result": _text(row, csv_io.EXPECTED_RESULT).strip(),
                    },
                    unit=unit,
                    budgets=budgets,
                )
            )

    def _without_nul(self, line, row):
        """PostgreSQL cannot store the NUL character (SQLite can): refuse it on every database alike.

        The rest of the row is still checked, without the NULs, so that its other mistakes are reported too.
        """
        columns = [column for column, value in row.items() if "\x00" in value]
        if not columns:
            return row
        self.problem(
            line,
            "คอลัมน์ " + ", ".join(f"“{column}”" for column in columns) + " มีอักขระที่มองไม่เห็น (NUL) ซึ่งบันทึกไม่ได้ "
            "กรุณาพิมพ์ข้อความในช่องนั้นใหม่ แล้วบันทึกไฟล์เป็น CSV UTF-8 อีกครั้ง",
            "nul_character",
        )
        return {column: value.replace("\x00", "") for column, value in row.items()}

    def _strategy(self, line, row):
        text = _clean(row.get(csv_io.STRATEGY_NUMBER))
        title = _clean(_text(row, csv_io.STRATEGY_TITLE))
        description = _text(row, csv_io.STRATEGY_DESCRIPTION).strip()
        number = _parse_positive_int(text)
        if number is None:
            self.problem(
                line,
                f"ไม่พบยุทธศาสตร์ “{text}” กรุณาใส่เลขยุทธศาสตร์ เช่น 1 ในคอลัมน์ “ยุทธศาสตร์ที่”" + _digit_hint(text),
                "unknown_strategy",
            )
            return None, title, description
        existing = self.existing_strategies.get(number)
        if existing is None and not title:
            self.problem(
                line,
                f"ไม่พบยุทธศาสตร์ที่ {number} ในแผนนี้ กรุณาใช้เลขยุทธศาสตร์ที่มีอยู่ในแผน "
                "หรือใส่ชื่อยุทธศาสตร์ในคอลัมน์ “ชื่อยุทธศาสตร์” เพื่อเพิ่มยุทธศาสตร์ใหม่",
                "unknown_strategy",
            )
        elif existing is not None and title and title != _clean(existing.title):
            self.problem(
                line,
                f"ชื่อยุทธศาสตร์ที่ {number} ในไฟล์ (“{title}”) ไม่ตรงกับในแผน (“{existing.title}”) "
                "กรุณาแก้ชื่อในไฟล์ให้ตรง หรือเว้นว่างไว้",
                "strategy_title_mismatch",
            )
        return number, title, description

    def _check_across_rows(self):
        titles, descriptions, guidelines, seen = {}, {}, {}, {}
        for key in self.keys:
            line, strategy_number, number = key.line, key.strategy_number, key.number
            if strategy_number is None:
                continue
            if key.strategy_title and strategy_number not in self.existing_strategies:
                first = titles.setdefault(strategy_number, (key.strategy_title, line))
                if first[0] != key.strategy_title:
                    self.problem(
                        line,
                        f"ชื่อยุทธศาสตร์ที่ {strategy_number} ไม่ตรงกับบรรทัดที่ {first[1]} กรุณาใช้ชื่อเดียวกันทุกบรรทัด",
                        "strategy_title_conflict",
                    )
            if key.strategy_description:
                first = descriptions.setdefault(strategy_number, (key.strategy_description, line))
                if first[0] != key.strategy_description:
                    self.problem(
                        line,
                        f"คำอธิบายยุทธศาสตร์ที่ {strategy_number} ไม่ตรงกับบรรทัดที่ {first[1]} "
                        "กรุณาใช้คำอธิบายเดียวกันทุกบรรทัด หรือเว้นว่างไว้",
                        "strategy_description_conflict",
                    )
            if key.guideline_number:
                first = guidelines.setdefault((strategy_number, key.guideline_number), (key.guideline_title, line))
                if first[0] != key.guideline_title:
                    self.problem(
                        line,
                        f"ชื่อแนวทางที่ {strategy_number}.{key.guideline_number} ไม่ตรงกับบรรทัดที่ {first[1]} "
                        "กรุณาใช้ชื่อเดียวกันทุกบรรทัด",
                        "guideline_title_conflict",
                    )
            if number is not None:
                if (strategy_number, number) in seen:
                    self.problem(
                        line,
                        f"โครงการลำดับที่ {number} ของยุทธศาสตร์ที่ {strategy_number} ซ้ำกับบรรทัดที่ "
                        f"{seen[strategy_number, number]} กรุณาแก้ลำดับโครงการไม่ให้ซ้ำ",
                        "duplicate_project",
                    )
                seen.setdefault((strategy_number, number), line)
        self.problems.sort(key=lambda p: p.line)


@dataclass(frozen=True)
class _RowKeys:
    """What identifies a row's strategy, guideline and project, compared across rows."""

    line: int
    strategy_number: int | None
    strategy_title: str
    strategy_description: str
    guideline_number: int | None
    guideline_title: str
    number: int | None


def _text(row, column):
    """A text cell as the clerk wrote it: the apostrophe that the export puts before "=", "+" ... is taken off."""
    return csv_io.text_from_cell(row.get(column))


def plan_import_csv(*, plan: Plan, data: bytes, replace: bool = False) -> ImportResult:
    """Check every row of a CSV file and, only if all rows are good, save them into ``plan``.

    ``plan`` may be unsaved (a new plan: its years come from the file); it is saved with the rows.
    Projects are matched by (strategy number, project number): matched ones are updated, new ones added,
    and for each fiscal year in the file the budget line is set (an empty cell removes it). With
    ``replace``, the plan's projects that are not in the file are deleted. Nothing is written when any
    row is bad: the result lists every problem, each with its line number, in Thai.
    """
    result = ImportResult()
    if _is_excel_workbook(data):
        result.problems.append(ImportProblem(1, EXCEL_HINT, "excel_file"))
        return result
    text = _decode(data, result.problems)
    if text is None:
        return result
    reader = _Reader(plan, text)
    reader.read()
    if not reader.problems and not plan.pk:
        try:
            plan.full_clean()
        except ValidationError as error:
            for message in error.messages:
                reader.problem(1, f"ข้อมูลแผนไม่ถูกต้อง: {message}", "bad_plan")
    if reader.problems:
        result.problems = reader.problems
        return result
    with transaction.atomic():
        _save(plan, reader, replace, result)
    return result


def _save(plan, reader, replace, result):
    if not plan.pk:
        plan.save()
    strategies = {s.number: s for s in Strategy.objects.filter(plan=plan)}
    descriptions = {row.strategy_number: row.strategy_description for row in reader.rows if row.strategy_description}
    for row in reader.rows:
        strategy = strategies.get(row.strategy_number)
        description = descriptions.get(row.strategy_number, "")
        if strategy is None:
            strategies[row.strategy_number] = Strategy.objects.create(
                plan=plan, number=row.strategy_number, title=row.strategy_title, description=description
            )
            result.strategies_created += 1
        elif description and strategy.description != description:
            # An empty cell leaves the description as it is; a filled one is the clerk's newer text.
            strategy.description = description
            strategy.save(update_fields=["description", "updated_at"])
            result.strategies_updated += 1
    guidelines = {(g.strategy_id, g.number): g for g in Guideline.objects.filter(strategy__plan=plan)}
    projects = {(p.strategy_id, p.number): p for p in Project.objects.filter(strategy__plan=plan)}
    lines_by_project = {}
    for line in BudgetLine.objects.filter(project__strategy__plan=plan):
        lines_by_project.setdefault(line.project_id, {})[line.fiscal_year] = line
    kept = set()
    for row in reader.rows:
        strategy = strategies[row.strategy_number]
        guideline = None
        if row.guideline_number:
            guideline = guidelines.get((strategy.pk, row.guideline_number))
            if guideline is None:
                guideline = Guideline.objects.create(
                    strategy=strategy, number=row.guideline_number, title=row.guideline_title
                )
                guidelines[(strategy.pk, row.guideline_number)] = guideline
                result.guidelines_created += 1
        values = {**row.fields, "guideline": guideline, "unit": row.unit}
        project = projects.get((strategy.pk, row.number))
        if project is None:
            project = Project.objects.create(strategy=strategy, number=row.number, **values)
            result.projects_created += 1
        else:
            changed = [name for name, value in values.items() if getattr(project, name) != value]
            if changed:
                for name in changed:
                    setattr(project, name, values[name])
                project.save(update_fields=[*changed, "updated_at"])
                result.projects_updated += 1
        kept.add(project.pk)
        _save_budget_lines(project, lines_by_project.get(project.pk, {}), row.budgets, reader.years, result)
    if replace:
        stale = Project.objects.filter(strategy__plan=plan).exclude(pk__in=kept)
        result.projects_deleted = stale.count()
        stale.delete()


def _save_budget_lines(project, existing, budgets, years, result):
    for year in years:
        line = existing.get(year)
        if year not in budgets:
            if line:
                line.delete()
            continue
        amount, source = budgets[year]
        if line is None:
            BudgetLine.objects.create(project=project, fiscal_year=year, amount=amount, source=source)
        elif line.amount != amount or line.source != source:
            line.amount, line.source = amount, source
            line.save(update_fields=["amount", "source", "updated_at"])
        result.budget_lines += 1
