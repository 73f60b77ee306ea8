"""The clerks' side: the CSV import page (staff only, CSRF-protected) and the admin lists with their totals."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from plans import csv_io
from plans.models import BudgetLine, Plan, Project
from tests.plans_tests.builders import build_plan, snapshot

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/plans/plan/import/"


def staff_client(*, permissions=("add_project", "change_project"), csrf=False):
    user = User.objects.create_user("clerk", password="x-unused-x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="plans", codename__in=permissions))
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def csv_upload(content, name="plan.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def superuser_client():
    client = Client()
    client.force_login(User.objects.create_superuser("admin", password="x-unused-x"))
    return client


def plan_form_data(plan, **changes):
    """The plan's change form as the admin would post it back, with ``changes`` applied."""
    data = {
        "title": plan.title,
        "slug": plan.slug,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "status": plan.status,
        "approval_date": "",
        "summary": plan.summary,
        "note": plan.note,
    }
    return data | changes


def test_the_import_page_has_the_expected_url():
    assert reverse("admin:plans_plan_import") == IMPORT_URL


class TestImportPageAccess:
    def test_anonymous_visitors_are_sent_to_log_in(self):
        response = Client().get(IMPORT_URL)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    def test_residents_without_staff_status_are_refused(self):
        resident = User.objects.create_user("resident", password="x-unused-x")
        client = Client()
        client.force_login(resident)
        response = client.get(IMPORT_URL)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert client.post(IMPORT_URL, {}).status_code == 302

    def test_staff_without_the_project_permissions_are_forbidden(self):
        response = staff_client(permissions=("view_plan",)).get(IMPORT_URL)
        assert response.status_code == 403

    def test_staff_with_the_permissions_see_the_form(self):
        response = staff_client().get(IMPORT_URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert "นำเข้าโครงการจากไฟล์ CSV" in html
        assert 'enctype="multipart/form-data"' in html
        assert "csrfmiddlewaretoken" in html


class TestImportPage:
    def test_a_good_file_is_imported_with_the_csrf_token_and_a_thai_summary(self):
        built = build_plan(8)
        before = snapshot(built.plan)
        data = Client().get(reverse("plans:project_csv", kwargs={"slug": built.plan.slug})).content
        Project.objects.filter(strategy__plan=built.plan).delete()
        client = staff_client(csrf=True)
        page = client.get(IMPORT_URL).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

        assert client.post(IMPORT_URL, {"plan": built.plan.pk, "file": csv_upload(data)}).status_code == 403
        response = client.post(
            IMPORT_URL, {"plan": built.plan.pk, "file": csv_upload(data), "csrfmiddlewaretoken": token}, follow=True
        )

        assert response.redirect_chain[-1][0] == f"/admin/plans/project/?strategy__plan__id__exact={built.plan.pk}"
        assert "นำเข้าเรียบร้อย" in response.content.decode()
        assert snapshot(built.plan) == before

    def test_a_bad_file_lists_each_line_in_thai_and_saves_nothing(self):
        built = build_plan(4)
        before = snapshot(built.plan)
        rows = [
            csv_io.header([2553]),
            ["1", "", "", "", "", "50", "ถนน", "", "", "", "", "", "", "", "สองหมื่น", "", ""],
            ["1", "", "", "", "", "51", "", "", "", "", "", "", "", "", "100", "", ""],
        ]
        content = "\r\n".join(",".join(row) for row in rows).encode("utf-8")
        response = staff_client().post(IMPORT_URL, {"plan": built.plan.pk, "file": csv_upload(content)})
        html = response.content.decode()
        assert response.status_code == 200
        assert "ยังไม่ได้บันทึกข้อมูล: พบปัญหา 2 รายการ" in html
        assert "บรรทัดที่ 2: งบประมาณปี 2553 “สองหมื่น” ไม่ใช่ตัวเลข" in html
        assert "บรรทัดที่ 3: ชื่อโครงการว่าง" in html
        assert snapshot(built.plan) == before

    def test_a_unicode_digit_that_is_not_a_number_is_a_thai_line_error_not_a_500(self):
        built = build_plan(2)
        before = snapshot(built.plan)
        header = csv_io.header([2553])
        cells = {csv_io.STRATEGY_NUMBER: "1", csv_io.PROJECT_NUMBER: "²", csv_io.PROJECT_NAME: "ถนน"}
        row = [cells.get(column, "") for column in header]
        content = (",".join(header) + "\r\n" + ",".join(row) + "\r\n").encode("utf-8")
        response = staff_client().post(IMPORT_URL, {"plan": built.plan.pk, "file": csv_upload(content)})
        assert response.status_code == 200
        assert "บรรทัดที่ 2: ลำดับโครงการ “²” ไม่ถูกต้อง" in response.content.decode()
        assert snapshot(built.plan) == before

    def test_the_page_says_what_the_file_does_not_carry(self):
        html = staff_client().get(IMPORT_URL).content.decode()
        for words in ("วันที่อนุมัติ", "สถานะ", "คำอธิบายแผน", "แนวทางที่ยังไม่มีโครงการ", "คำอธิบายยุทธศาสตร์"):
            assert words in html, words

    def test_a_windows_874_file_gets_the_save_as_utf8_hint(self):
        built = build_plan(2)
        content = "ยุทธศาสตร์ที่,ลำดับโครงการ,ชื่อโครงการ,งบประมาณ 2553 (บาท)\r\n1,9,ถนน,10\r\n".encode("cp874")
        html = staff_client().post(IMPORT_URL, {"plan": built.plan.pk, "file": csv_upload(content)}).content.decode()
        assert "บรรทัดที่ 1: ไฟล์ไม่ได้บันทึกเป็น UTF-8" in html
        assert "CSV UTF-8" in html


class TestAdminLists:
    def test_lists_and_forms_show_totals(self):
        built = build_plan(5)
        admin = User.objects.create_superuser("admin", password="x-unused-x")
        client = Client()
        client.force_login(admin)
        for url in (
            "/admin/plans/plan/",
            f"/admin/plans/plan/{built.plan.pk}/change/",
            "/admin/plans/strategy/",
            f"/admin/plans/strategy/{built.strategies[0].pk}/change/",
            "/admin/plans/project/",
            f"/admin/plans/project/{built.specs[0].pk}/change/",
            "/admin/plans/project/?strategy__plan__id__exact=" + str(built.plan.pk),
        ):
            response = client.get(url)
            assert response.status_code == 200, url
        html = client.get("/admin/plans/plan/").content.decode()
        assert "นำเข้าโครงการจาก CSV" in html
        assert " บาท" in html
        change = client.get(f"/admin/plans/plan/{built.plan.pk}/change/").content.decode()
        assert "รวมทั้งแผน" in change

    def test_a_budget_line_outside_the_plan_is_refused_in_the_inline(self):
        built = build_plan(1)
        project = Project.objects.get(pk=built.specs[0].pk)
        admin = User.objects.create_superuser("admin", password="x-unused-x")
        client = Client()
        client.force_login(admin)
        lines = list(project.budget_lines.all())
        data = {
            "strategy": project.strategy_id,
            "guideline": project.guideline_id or "",
            "number": project.number,
            "name": project.name,
            "budget_lines-TOTAL_FORMS": len(lines) + 1,
            "budget_lines-INITIAL_FORMS": len(lines),
            "budget_lines-MIN_NUM_FORMS": 0,
            "budget_lines-MAX_NUM_FORMS": 1000,
        }
        for i, line in enumerate(lines):
            data |= {
                f"budget_lines-{i}-id": line.pk,
                f"budget_lines-{i}-project": project.pk,
                f"budget_lines-{i}-fiscal_year": line.fiscal_year,
                f"budget_lines-{i}-amount": line.amount,
                f"budget_lines-{i}-source": line.source,
            }
        n = len(lines)
        data |= {
            f"budget_lines-{n}-fiscal_year": 2560,
            f"budget_lines-{n}-amount": "-5",
            f"budget_lines-{n}-source": "local",
        }
        response = client.post(f"/admin/plans/project/{project.pk}/change/", data)
        html = response.content.decode()
        assert response.status_code == 200
        assert "ปีงบประมาณ 2560 อยู่นอกช่วงของแผน (2553–2555)" in html
        assert "งบประมาณต้องไม่ติดลบ" in html
        assert project.budget_lines.count() == len(lines)


class TestPlanForm:
    def test_narrowing_the_years_past_budget_lines_is_refused_with_how_many(self):
        built = build_plan(5)
        outside = BudgetLine.objects.filter(project__strategy__plan=built.plan, fiscal_year=2555).count()
        assert outside > 0
        response = superuser_client().post(
            f"/admin/plans/plan/{built.plan.pk}/change/", plan_form_data(built.plan, last_year=2554)
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert f"มีงบประมาณรายปี {outside} รายการ อยู่ในปี 2555" in html
        built.plan.refresh_from_db()
        assert built.plan.last_year == 2555

    def test_a_file_named_html_is_refused_even_when_it_starts_like_a_pdf(self):
        built = build_plan(1)
        evil = SimpleUploadedFile("evil.html", b"%PDF-1.4\n<script>alert(document.cookie)</script>", "text/html")
        response = superuser_client().post(
            f"/admin/plans/plan/{built.plan.pk}/change/", plan_form_data(built.plan, document=evil)
        )
        assert response.status_code == 200
        assert "ชื่อไฟล์ต้องลงท้ายด้วย .pdf" in response.content.decode()
        assert not Plan.objects.get(pk=built.plan.pk).document

    def test_a_real_pdf_is_stored_under_a_pdf_name(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        built = build_plan(1)
        signed = SimpleUploadedFile("แผนฉบับลงนาม.PDF", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf")
        response = superuser_client().post(
            f"/admin/plans/plan/{built.plan.pk}/change/", plan_form_data(built.plan, document=signed)
        )
        assert response.status_code == 302
        assert Plan.objects.get(pk=built.plan.pk).document.name == "plans/test-plan.pdf"
