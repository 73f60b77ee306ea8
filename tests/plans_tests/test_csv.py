"""CSV export and import: Excel-friendly Thai, an exact round trip, and bad files that change nothing."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

from plans import csv_io
from plans.models import BudgetLine, Plan, Project
from plans.services import plan_import_csv
from tests.plans_tests.builders import build_plan, snapshot

pytestmark = pytest.mark.django_db


def export(plan, **params):
    response = Client().get(reverse("plans:project_csv", kwargs={"slug": plan.slug}), params)
    assert response.status_code == 200
    return response


def plan_total(plan):
    return BudgetLine.objects.filter(project__strategy__plan=plan).aggregate(total=Sum("amount"))["total"]


def good_csv_rows():
    return [
        csv_io.header([2553, 2554, 2555]),
        ["1", "ทางดี", "1", "ถนน", "1", "ก่อสร้างถนน คสล. หมู่ที่ 3", "", "", "หมู่ที่ 3", "3", "", "", "", "1,250,000",
         "งบประมาณของท้องถิ่น (ข้อบัญญัติ)", "", "", "99.50", "", ""],
    ]  # fmt: skip


def to_bytes(rows, encoding="utf-8-sig"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def row(strategy, number, name, *amounts, strategy_title="", village=""):
    """A project row in the export's layout; amounts are the cells of 2553, 2554, 2555 (sources left empty)."""
    cells = {
        csv_io.STRATEGY_NUMBER: strategy,
        csv_io.STRATEGY_TITLE: strategy_title,
        csv_io.PROJECT_NUMBER: number,
        csv_io.PROJECT_NAME: name,
        csv_io.VILLAGE: village,
    }
    values = [cells.get(column, "") for column in csv_io.LEADING_COLUMNS]
    for value in amounts:
        values += [value, ""]
    return values


class TestExport:
    def test_utf8_with_bom_and_thai_headers_as_an_attachment(self):
        built = build_plan(6)
        response = export(built.plan)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith('attachment; filename="plan-test-plan-all.csv"')
        assert response.content.startswith(b"\xef\xbb\xbf")
        lines = response.content.decode("utf-8-sig").split("\r\n")
        assert lines[0].startswith("ยุทธศาสตร์ที่,ชื่อยุทธศาสตร์,แนวทางที่,แนวทางการพัฒนา,ลำดับโครงการ,ชื่อโครงการ")
        assert "งบประมาณ 2553 (บาท),แหล่งงบประมาณ 2553" in lines[0]
        assert len([line for line in lines[1:] if line]) == 6

    def test_a_year_filter_exports_only_that_years_column(self):
        built = build_plan(6)
        header = export(built.plan, year=2554).content.decode("utf-8-sig").split("\r\n")[0]
        assert "งบประมาณ 2554 (บาท)" in header
        assert "2553" not in header and "2555" not in header


class TestRoundTrip:
    def test_export_then_import_into_an_empty_plan_gives_back_the_same_plan(self):
        built = build_plan(40)
        before, total = snapshot(built.plan), plan_total(built.plan)
        data = export(built.plan).content
        built.plan.delete()
        assert not Project.objects.exists()

        new_plan = Plan(title="แผนนำเข้า", slug="imported")
        result = plan_import_csv(plan=new_plan, data=data)

        assert result.ok, [str(p) for p in result.problems]
        assert (new_plan.first_year, new_plan.last_year) == (2553, 2555)
        assert result.projects_created == 40
        assert snapshot(new_plan) == before
        assert plan_total(new_plan) == total

    def test_importing_the_same_file_again_changes_nothing(self):
        built = build_plan(12)
        before = snapshot(built.plan)
        updated_at = sorted(Project.objects.values_list("pk", "updated_at"))
        result = plan_import_csv(plan=built.plan, data=export(built.plan).content)
        assert result.ok
        assert (result.projects_created, result.projects_updated, result.strategies_created) == (0, 0, 0)
        assert snapshot(built.plan) == before
        assert sorted(Project.objects.values_list("pk", "updated_at")) == updated_at

    def test_the_command_imports_a_file_into_a_new_plan(self, tmp_path):
        built = build_plan(9)
        before = snapshot(built.plan)
        path = tmp_path / "plan.csv"
        path.write_bytes(export(built.plan).content)
        out = io.StringIO()
        call_command("import_plan", str(path), "--plan", "2566-2570", "--title", "แผนใหม่", stdout=out)
        plan = Plan.objects.get(slug="2566-2570")
        assert plan.status == Plan.Status.DRAFT
        assert snapshot(plan) == before
        assert "เพิ่มโครงการ 9 โครงการ" in out.getvalue()

    def test_replace_removes_projects_that_are_not_in_the_file(self):
        built = build_plan(9)
        strategy = built.strategies[0]
        data = export(built.plan, strategy=strategy.pk).content
        result = plan_import_csv(plan=built.plan, data=data, replace=True)
        assert result.ok
        assert result.projects_deleted == 6
        assert set(Project.objects.values_list("strategy_id", flat=True)) == {strategy.pk}

    def test_amounts_with_thousands_separators_are_read_exactly(self):
        plan = Plan.objects.create(title="แผน", slug="p", first_year=2553, last_year=2555)
        result = plan_import_csv(plan=plan, data=to_bytes(good_csv_rows()))
        assert result.ok, [str(p) for p in result.problems]
        lines = dict(BudgetLine.objects.values_list("fiscal_year", "amount"))
        assert lines == {2553: Decimal("1250000"), 2555: Decimal("99.50")}
        assert Project.objects.get().village == 3


class TestBadFiles:
    BAD_ROWS = [
        # line 2 is good, the rest are each bad in one way
        row("1", "90", "ก่อสร้างถนน หมู่ที่ 1", "1000", "", "", strategy_title="ยุทธศาสตร์ทดสอบที่ 1", village="1"),
        row("1", "91", "ขุดลอกคลอง", "หนึ่งแสนบาท", "", ""),
        row("1", "92", "ซ่อมถนน", "", "-5000", ""),
        row("9", "93", "ไฟฟ้าสาธารณะ", "100", "", ""),
        row("1", "94", "   ", "100", "", ""),
    ]

    def test_each_bad_row_is_reported_in_thai_with_its_line_and_nothing_is_saved(self):
        built = build_plan(6)
        before = snapshot(built.plan)
        data = to_bytes([csv_io.header([2553, 2554, 2555]), *self.BAD_ROWS])

        result = plan_import_csv(plan=built.plan, data=data)

        assert not result.ok
        found = {(p.line, p.code) for p in result.problems}
        assert found == {
            (3, "amount_not_a_number"),
            (4, "amount_negative"),
            (5, "unknown_strategy"),
            (6, "empty_name"),
        }
        messages = [str(p) for p in result.problems]
        assert messages[0].startswith("บรรทัดที่ 3: งบประมาณปี 2553 “หนึ่งแสนบาท” ไม่ใช่ตัวเลข")
        assert messages[1].startswith("บรรทัดที่ 4: งบประมาณปี 2554 ติดลบ")
        assert messages[2].startswith("บรรทัดที่ 5: ไม่พบยุทธศาสตร์ที่ 9 ในแผนนี้")
        assert messages[3] == "บรรทัดที่ 6: ชื่อโครงการว่าง กรุณาใส่ชื่อโครงการ"
        assert snapshot(built.plan) == before  # not even the good line 2

    def test_a_tis620_file_is_reported_as_wrong_encoding_with_a_hint(self):
        built = build_plan(3)
        before = snapshot(built.plan)
        data = to_bytes([csv_io.header([2553]), row("1", "7", "ก่อสร้างถนน", "10")], "cp874")

        result = plan_import_csv(plan=built.plan, data=data)

        assert [(p.line, p.code) for p in result.problems] == [(1, "wrong_encoding"), (2, "wrong_encoding")]
        assert "UTF-8" in result.problems[0].message and "บันทึกเป็น" in result.problems[0].message
        assert snapshot(built.plan) == before

    def test_a_new_plan_is_not_created_when_its_file_is_bad(self):
        data = to_bytes([csv_io.header([2553]), row("1", "1", "", "10", strategy_title="ทางดี")])
        result = plan_import_csv(plan=Plan(title="ใหม่", slug="new"), data=data)
        assert [p.code for p in result.problems] == ["empty_name"]
        assert not Plan.objects.exists()

    def test_other_mistakes_are_explained_too(self):
        plan = Plan.objects.create(title="แผน", slug="p", first_year=2553, last_year=2555)
        rows = [
            [*csv_io.LEADING_COLUMNS, "งบประมาณ 2553 (บาท)", "แหล่งงบประมาณ 2553"],
            ["1", "ทางดี", "", "", "1", "ถนน", "", "", "", "หมู่ที่ X", "ไม่มีหน่วยนี้", "", "", "10.555", "เงินกู้"],
            ["1", "ทางดีมาก", "", "", "1", "ถนนซ้ำ", "", "", "", "", "", "", "", "10", ""],
        ]
        result = plan_import_csv(plan=plan, data=to_bytes(rows))
        codes = {(p.line, p.code) for p in result.problems}
        assert codes == {
            (2, "bad_village"),
            (2, "unknown_unit"),
            (2, "amount_precision"),
            (2, "bad_source"),
            (3, "strategy_title_conflict"),
            (3, "duplicate_project"),
        }
        assert not Project.objects.exists()

    def test_a_year_outside_the_plan_and_missing_columns_are_reported_on_line_1(self):
        plan = Plan.objects.create(title="แผน", slug="p", first_year=2553, last_year=2555)
        result = plan_import_csv(plan=plan, data=to_bytes([[*csv_io.LEADING_COLUMNS, "งบประมาณ 2560 (บาท)"]]))
        assert [(p.line, p.code) for p in result.problems] == [(1, "year_outside_plan")]
        result = plan_import_csv(plan=plan, data=to_bytes([["ชื่อ", "เงิน"], ["ถนน", "10"]]))
        assert [(p.line, p.code) for p in result.problems] == [(1, "missing_columns")]
        assert "“ยุทธศาสตร์ที่”" in result.problems[0].message

    def test_the_command_prints_each_problem_and_fails(self, tmp_path):
        built = build_plan(3)
        path = tmp_path / "bad.csv"
        path.write_bytes(to_bytes([csv_io.header([2553, 2554, 2555]), *self.BAD_ROWS]))
        err = io.StringIO()
        with pytest.raises(CommandError, match="พบปัญหา 4 รายการ"):
            call_command("import_plan", str(path), "--plan", built.plan.slug, stderr=err)
        assert "บรรทัดที่ 3:" in err.getvalue() and "บรรทัดที่ 6:" in err.getvalue()
