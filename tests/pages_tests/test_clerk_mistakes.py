"""What a clerk may get wrong in the admin, and what a resident may type into an address: a Thai
answer, never a 500, and nothing broken on the public site."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from core.models import MenuItem, SiteProfile
from pages.models import Page
from tests.pages_tests.builders import announcement

pytestmark = pytest.mark.django_db


SLUG_MESSAGE = "ชื่อในลิงก์ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และขีด (-) เช่น history"


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(User.objects.create_superuser("boss", password="x-unused-x"))
    return client


def test_a_thai_slug_for_a_page_is_refused_in_thai_and_the_sitemap_stays_up(admin_client):
    data = {"title": "ประวัติตำบล", "slug": "ประวัติตำบล", "status": "published", "order": 0, "summary": "", "body": ""}
    response = admin_client.post("/admin/pages/page/add/", data)
    assert response.status_code == 200
    assert Page.objects.count() == 0
    [message] = response.context["adminform"].form.errors["slug"]
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in message), message  # Thai, not Django's English
    data["slug"] = "History_1"
    response = admin_client.post("/admin/pages/page/add/", data)
    assert response.context["adminform"].form.errors["slug"] == [SLUG_MESSAGE]
    data["slug"] = "history"
    assert admin_client.post("/admin/pages/page/add/", data).status_code == 302
    assert Client().get("/pages/history/").status_code == 200
    assert Client().get("/sitemap.xml").status_code == 200


@pytest.mark.parametrize("url", ["/no-such-page/", "//evil.example/", "javascript:alert(1)", "ftp://x.example/"])
def test_a_menu_entry_that_leads_nowhere_or_off_site_by_a_trick_is_refused(admin_client, url):
    response = admin_client.post(
        "/admin/core/menuitem/add/",
        {"title": "เมนูใหม่", "url": url, "order": 99, "is_visible": "on", "children-TOTAL_FORMS": 0,
         "children-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 200
    assert MenuItem.objects.filter(title="เมนูใหม่").count() == 0
    assert "ไม่พบหน้านี้ในเว็บไซต์" in response.content.decode() or "ลิงก์ต้องขึ้นต้นด้วย" in response.content.decode()


@pytest.mark.parametrize("url", ["/news/", "/pages/history/", "https://www.example.go.th/"])
def test_a_menu_entry_to_a_real_page_or_another_site_is_accepted(url):
    MenuItem(title="เมนู", url=url).clean()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", ""])
def test_a_mistyped_or_stale_page_number_of_the_news_shows_a_real_page(page):
    for number in range(15):
        announcement(title=f"ข่าวที่ {number}")
    for url in ("/news/", "/news/activities/"):
        response = Client().get(url, {"page": page})
        assert response.status_code == 200, (url, page)
        assert "ข่าวที่" in response.content.decode()


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("0 5500 0000 (ตัวอย่าง)", "tel:055000000"),
        ("055-000-000 ต่อ 12", "tel:055000000"),
        ("055 000000, 081 234 5678", "tel:055000000"),
        ("+66 55 000 000", "tel:+6655000000"),
        ("ติดต่อที่สำนักงาน", ""),
    ],
)
def test_the_footer_phone_link_dials_only_the_first_number(phone, href):
    SiteProfile.objects.create(pk=1, name="องค์การบริหารส่วนตำบลทดสอบ", short_name="อบต.ทดสอบ", phone=phone)
    body = Client().get("/").content.decode()
    assert phone in body
    if href:
        assert f'href="{href}"' in body
    else:
        assert 'href="tel:' not in body
