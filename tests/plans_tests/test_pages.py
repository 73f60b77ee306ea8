"""What residents see: the demo plan at the menu's address, readable pages, drafts kept private, sitemaps."""

import io
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from plans import demo
from plans.models import BudgetLine, Plan, Project, Strategy
from staff.models import Unit
from tests.plans_tests.builders import build_plan

pytestmark = pytest.mark.django_db


class TestDemoPlan:
    @pytest.fixture
    def demo_content(self, demo_content_per_class, db):
        """The samples, loaded once for this class: its tests read them, or change them and are rolled back."""

    def test_the_menu_entry_shows_the_2553_2555_plan(self, demo_content):
        response = Client().get("/plans/2553-2555/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "แผนพัฒนาสามปี (พ.ศ. 2553–2555)" in html
        assert "ข้อมูลตัวอย่าง" in html
        assert 'href="/plans/2553-2555/"' in html  # the client's menu entry
        plan = response.context["plan"]
        assert plan.years == [2553, 2554, 2555]
        assert 5 <= plan.strategies.count() <= 7
        assert 35 <= Project.objects.filter(strategy__plan=plan).count() <= 50

    def test_it_follows_the_slogan_and_residents_find_their_road(self, demo_content):
        names = " ".join(Project.objects.values_list("name", flat=True))
        for word in ("ถนน", "ไฟฟ้า", "ประปา", "ศูนย์พัฒนาเด็กเล็ก", "ไข้เลือดออก", "อาชีพ", "ยาเสพติด", "สายตรวจ",
                     "วัดจูงนาง", "หลวงพ่อขาว", "วัดจุฬามณี"):  # fmt: skip
            assert word in names, word
        response = Client().get("/plans/2553-2555/projects/", {"q": "ถนนคอนกรีตเสริมเหล็ก", "village": "3"})
        assert "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3" in response.content.decode()

    def test_amounts_are_plausible_for_a_small_sao(self, demo_content):
        amounts = list(BudgetLine.objects.values_list("amount", flat=True))
        assert min(amounts) >= 10_000 and max(amounts) <= 5_000_000
        assert {line.fiscal_year for line in BudgetLine.objects.all()} == {2553, 2554, 2555}

    def test_a_second_run_creates_and_changes_nothing(self, demo_content):
        before = list(Project.objects.values_list("pk", "updated_at", "unit_id"))
        lines = list(BudgetLine.objects.values_list("pk", "amount", "updated_at"))
        demo.load()
        assert list(Project.objects.values_list("pk", "updated_at", "unit_id")) == before
        assert list(BudgetLine.objects.values_list("pk", "amount", "updated_at")) == lines


# Outside TestDemoPlan, whose tests share the samples: this one starts from an empty database.
def test_divisions_are_linked_when_the_staff_units_exist_and_left_empty_otherwise():
    demo.load()
    assert not Project.objects.filter(unit__isnull=False).exists()
    for slug, name in [("public-works", "ส่วนโยธา"), ("education", "ส่วนการศึกษา"),
                       ("office-of-the-permanent-secretary", "สำนักปลัด"), ("finance", "ส่วนการคลัง")]:  # fmt: skip
        Unit.objects.create(slug=slug, name=name, side=Unit.Side.PERMANENT, kind=Unit.Kind.DIVISION)
    demo.load()
    assert not Project.objects.filter(unit__isnull=True).exists()
    road = Project.objects.get(name="ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3")
    assert road.unit.slug == "public-works"
    assert Unit.objects.count() == 4  # the plan's demo created no unit


class TestPages:
    def test_every_page_answers_in_thai_without_inline_style_or_script(self):
        built = build_plan(6)
        urls = [
            reverse("plans:index"),
            built.plan.get_absolute_url(),
            built.strategies[0].get_absolute_url(),
            reverse("plans:project_list", kwargs={"slug": built.plan.slug}),
            reverse("plans:project_detail", kwargs={"slug": built.plan.slug, "pk": built.specs[0].pk}),
        ]
        for url in urls:
            response = Client().get(url)
            html = response.content.decode()
            assert response.status_code == 200, url
            assert "style=" not in html and "<style" not in html, url
            assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
            assert re.search(r"\son[a-z]+=", html) is None, url
            assert "Content-Security-Policy" in response.headers

    def test_the_overview_draws_its_chart_as_svg_with_a_table_beside_it(self):
        built = build_plan(6)
        html = Client().get(built.plan.get_absolute_url()).content.decode()
        svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
        assert 'role="img"' in svg and "<title" in svg
        assert svg.count("<rect") == 3 * 3 + 3  # a bar per strategy and year, and the legend
        assert 'fill="#' in svg
        assert "<caption" in html and "รวมทั้งแผน" in html

    def test_plan_pages_carry_the_print_stylesheet(self):
        built = build_plan(2)
        html = Client().get(built.plan.get_absolute_url()).content.decode()
        assert re.search(r'<link rel="stylesheet" href="/static/css/plans-print\.css" media="print">', html)
        assert "/static/js/plans.js" in html

    def test_filters_keep_their_state_in_the_form(self):
        built = build_plan(6)
        url = reverse("plans:project_list", kwargs={"slug": built.plan.slug})
        html = Client().get(url, {"year": 2554, "village": "none"}).content.decode()
        assert re.search(r'<option value="2554" selected>ปี 2554</option>', html)
        assert re.search(r'<option value="none" selected>ทั้งตำบล</option>', html)
        assert "ตัวกรอง: ปี 2554 · ทั้งตำบล" in html
        assert 'href="/plans/test-plan/projects.csv?year=2554&amp;village=none"' in html

    def test_a_strategy_or_project_of_another_plan_is_not_found_under_this_plan(self):
        first, second = build_plan(3, slug="first"), build_plan(3, slug="second")
        other = second.strategies[0]
        assert Client().get(f"/plans/first/strategies/{other.pk}/").status_code == 404
        assert Client().get(f"/plans/first/projects/{second.specs[0].pk}/").status_code == 404
        assert Client().get(f"/plans/first/strategies/{first.strategies[0].pk}/").status_code == 200


class TestDrafts:
    def test_a_draft_plan_is_hidden_from_the_public_and_previewed_by_staff(self):
        built = build_plan(3, slug="2566-2570", status=Plan.Status.DRAFT)
        assert Client().get("/plans/2566-2570/").status_code == 404
        assert Client().get(built.strategies[0].get_absolute_url()).status_code == 404
        assert "2566-2570" not in Client().get("/plans/").content.decode()

        clerk = User.objects.create_user("clerk", password="x-unused-x", is_staff=True)
        clerk.user_permissions.add(Permission.objects.get(codename="change_plan"))
        client = Client()
        client.force_login(clerk)
        response = client.get("/plans/2566-2570/")
        assert response.status_code == 200
        assert "ฉบับร่าง: แผนนี้ยังไม่เผยแพร่" in response.content.decode()

    def test_sitemaps_list_published_plans_strategies_and_projects_only(self):
        shown = build_plan(2, slug="shown")
        build_plan(2, slug="hidden", status=Plan.Status.DRAFT)
        xml = Client().get("/sitemap.xml").content.decode()
        assert "/plans/shown/" in xml
        assert shown.strategies[0].get_absolute_url() in xml
        assert f"/plans/shown/projects/{shown.specs[0].pk}/" in xml
        assert "/plans/hidden/" not in xml
        assert Strategy.objects.published().count() == 3


def test_load_demo_reports_and_publishes_the_plan(demo_content):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "plans:" in text
    assert Plan.objects.published().filter(slug="2553-2555").exists()
