"""The plan's rules, each refused with a Thai message that says what to do."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from plans.models import MAX_PDF_BYTES, BudgetLine, Guideline, Plan, Project, Strategy, validate_pdf_file
from plans.templatetags.plan_tags import amount, baht, baht_short

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    plan = Plan.objects.create(title="แผนทดสอบ", slug="2553-2555", first_year=2553, last_year=2555)
    strategy = Strategy.objects.create(plan=plan, number=1, title="ยุทธศาสตร์ทดสอบ")
    return Project.objects.create(strategy=strategy, number=1, name="ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3", village=3)


def error_of(instance, field):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.error_dict[field][0]


def test_a_negative_amount_is_refused_in_thai(project):
    error = error_of(BudgetLine(project=project, fiscal_year=2554, amount=Decimal("-1")), "amount")
    assert error.messages == ["งบประมาณต้องไม่ติดลบ กรุณาใส่จำนวนเงินตั้งแต่ 0 บาทขึ้นไป"]


def test_the_database_also_refuses_a_negative_amount(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.create(project=project, fiscal_year=2554, amount=Decimal("-0.01"))


def test_a_year_outside_the_plan_is_refused_with_the_plans_range(project):
    error = error_of(BudgetLine(project=project, fiscal_year=2556, amount=Decimal("100")), "fiscal_year")
    assert error.code == "year_outside_plan"
    assert "2553–2555" in error.message and "กรุณาใส่ปีที่อยู่ในช่วงของแผน" in error.message


def test_a_gregorian_year_is_refused_with_a_hint_for_the_buddhist_era(project):
    error = error_of(BudgetLine(project=project, fiscal_year=2011, amount=Decimal("1")), "fiscal_year")
    assert "พุทธศักราช" in error.messages[0]


def test_one_budget_line_per_project_and_year(project):
    BudgetLine.objects.create(project=project, fiscal_year=2554, amount=Decimal("100"))
    with pytest.raises(ValidationError) as caught:
        BudgetLine(project=project, fiscal_year=2554, amount=Decimal("5")).full_clean()
    assert "มีงบประมาณของปีนี้แล้ว" in str(caught.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.create(project=project, fiscal_year=2554, amount=Decimal("5"))


def test_zero_is_a_valid_amount_and_satang_are_kept_exactly(project):
    line = BudgetLine(project=project, fiscal_year=2555, amount=Decimal("0.10"))
    line.full_clean()
    line.save()
    line.refresh_from_db()
    assert line.amount == Decimal("0.10")


def test_plan_years_must_be_in_order():
    plan = Plan(title="แผน", slug="x", first_year=2555, last_year=2553)
    error = error_of(plan, "last_year")
    assert error.code == "years_reversed"
    assert error.messages == ["ปีสุดท้ายต้องไม่ก่อนปีแรกของแผน กรุณาตรวจสอบปีอีกครั้ง"]


def test_guideline_must_belong_to_the_projects_strategy(project):
    other = Strategy.objects.create(plan=project.strategy.plan, number=2, title="อีกยุทธศาสตร์")
    project.guideline = Guideline.objects.create(strategy=other, number=1, title="แนวทางอื่น")
    error = error_of(project, "guideline")
    assert error.code == "guideline_other_strategy"


class TestSignedPdf:
    def test_a_real_pdf_is_accepted(self):
        validate_pdf_file(SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/pdf"))

    def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(self):
        with pytest.raises(ValidationError) as caught:
            validate_pdf_file(SimpleUploadedFile("plan.pdf", b"<html><script>alert(1)</script>", "application/pdf"))
        assert caught.value.code == "pdf_invalid"
        assert "ไม่ใช่ PDF" in caught.value.messages[0]

    def test_a_pdf_over_20_mb_is_refused(self):
        big = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n" + b"0" * MAX_PDF_BYTES, "application/pdf")
        with pytest.raises(ValidationError) as caught:
            validate_pdf_file(big)
        assert caught.value.code == "pdf_too_large"
        assert "20 MB" in caught.value.messages[0]

    @pytest.mark.parametrize("name", ["evil.html", "evil.pdf.html", "evil.svg", "evil"])
    def test_a_file_not_named_pdf_is_refused_even_when_it_starts_like_a_pdf(self, name):
        with pytest.raises(ValidationError) as caught:
            validate_pdf_file(
                SimpleUploadedFile(name, b"%PDF-1.4\n<script>alert(document.cookie)</script>", "text/html")
            )
        assert caught.value.code == "pdf_wrong_extension"
        assert caught.value.messages[0].startswith("ชื่อไฟล์ต้องลงท้ายด้วย .pdf")

    def test_the_file_is_stored_under_a_pdf_name_whatever_it_was_called(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        signed = Plan.objects.create(
            title="แผน", slug="2553-2555", first_year=2553, last_year=2555,
            document=SimpleUploadedFile("แผนฉบับลงนาม (สแกน).PDF", pdf, "application/pdf"),
        )  # fmt: skip
        # Even a file that skipped the form's check (a script, the shell) cannot be served as a web page.
        sneaked = Plan.objects.create(
            title="แผน", slug="2566-2570", first_year=2566, last_year=2570,
            document=SimpleUploadedFile("evil.html", pdf + b"<script>", "text/html"),
        )  # fmt: skip
        assert signed.document.name == "plans/2553-2555.pdf"
        assert sneaked.document.name == "plans/2566-2570.pdf"
        assert (tmp_path / "plans" / "2566-2570.pdf").read_bytes().startswith(b"%PDF-")

    def test_the_plan_form_field_runs_the_check(self):
        plan = Plan(title="แผน", slug="2553-2555", first_year=2553, last_year=2555)
        plan.document = SimpleUploadedFile("plan.pdf", b"GIF89a not a pdf", "application/pdf")
        assert error_of(plan, "document").code == "pdf_invalid"


class TestNarrowingTheYears:
    """Budget lines outside the plan's years would be counted by some totals and not others: refuse the change."""

    @pytest.fixture
    def plan(self, project):
        other = Project.objects.create(strategy=project.strategy, number=2, name="ขยายเขตประปา")
        for line_project, year in [(project, 2553), (project, 2555), (other, 2554), (other, 2555)]:
            BudgetLine.objects.create(project=line_project, fiscal_year=year, amount=Decimal("1000"))
        return project.strategy.plan

    def test_cutting_off_the_last_year_is_refused_with_how_many_lines_fall_outside(self, plan):
        plan.last_year = 2554
        error = error_of(plan, "last_year")
        assert error.code == "budget_lines_outside_years"
        assert error.message.startswith("มีงบประมาณรายปี 2 รายการ อยู่ในปี 2555 ซึ่งอยู่นอกช่วงปีใหม่ของแผน (2553–2554)")

    def test_cutting_off_the_first_years_names_each_year(self, plan):
        plan.first_year = 2555
        error = error_of(plan, "first_year")
        assert error.code == "budget_lines_outside_years"
        assert error.message.startswith("มีงบประมาณรายปี 2 รายการ อยู่ในปี 2553, 2554 ซึ่งอยู่นอกช่วงปีใหม่ของแผน")

    def test_moving_the_plan_is_refused_on_both_ends(self, plan):
        plan.first_year, plan.last_year = 2554, 2554
        with pytest.raises(ValidationError) as caught:
            plan.full_clean()
        assert set(caught.value.error_dict) == {"first_year", "last_year"}

    def test_widening_or_dropping_an_empty_year_is_allowed(self, plan):
        BudgetLine.objects.filter(fiscal_year=2555).delete()
        plan.first_year, plan.last_year = 2552, 2554
        plan.full_clean()


class TestPublished:
    def test_drafts_are_not_public(self):
        Plan.objects.create(title="ร่าง", slug="draft", first_year=2566, last_year=2570)
        shown = Plan.objects.create(
            title="ประกาศใช้", slug="2553-2555", first_year=2553, last_year=2555, status=Plan.Status.IN_FORCE
        )
        ended = Plan.objects.create(
            title="สิ้นสุด", slug="2550-2552", first_year=2550, last_year=2552, status=Plan.Status.ENDED
        )
        assert set(Plan.objects.published()) == {shown, ended}


def test_amounts_are_written_the_thai_way():
    assert baht(Decimal("1250000")) == "1,250,000 บาท"
    assert baht(Decimal("1250000.50")) == "1,250,000.50 บาท"
    assert baht(Decimal("0")) == "0 บาท"
    assert baht(None) == "–"
    assert amount(Decimal("999.00")) == "999"
    assert baht_short(Decimal("1250000")) == "1.25 ล้าน"
    assert baht_short(Decimal("3000000")) == "3 ล้าน"
    assert baht_short(Decimal("850000")) == "850,000"


def test_everything_has_a_thai_name_and_a_page(project):
    assert str(project) == "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3"
    assert str(project.strategy) == "ยุทธศาสตร์ที่ 1 ยุทธศาสตร์ทดสอบ"
    assert project.get_absolute_url() == f"/plans/2553-2555/projects/{project.pk}/"
    assert project.strategy.get_absolute_url() == f"/plans/2553-2555/strategies/{project.strategy.pk}/"
    assert project.village_label == "หมู่ที่ 3"
    for model in (Plan, Strategy, Guideline, Project, BudgetLine):
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in str(model._meta.verbose_name))
