"""The site shell: every page carries the organisation's identity, the client's menu and Thai markup."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from core.models import MenuItem, SiteProfile
from pages.demo import read_original_page

pytestmark = pytest.mark.django_db

CLIENT_MENU = [
    "ข้อมูลทั่วไป",
    "วิสัยทัศน์ / พันธกิจ",
    "แผนที่ตำบล",
    "กิจกรรมขององค์กร",
    "ผลงานดีเด่น",
    "แผนพัฒนาตำบล (ปี 53 - 55)",
    "โครงสร้างองค์กร",
    "ผู้บริหาร",
    "สภา",
    "ทำเนียบบุคลากร",
    "สำนักปลัด",
    "ส่วนการคลัง",
    "ส่วนโยธา",
    "ส่วนการศึกษา",
    "ข่าวสารอื่น ๆ",
    "กระดานสนทนา",
    "มติ ก.อบต. พล.",
    "ข่าวสารการฝึกอบรมของ สพบ.",
    "ภูมิปัญญาท้องถิ่น",
    "ตำนานอาหารของตำบล",
]
# Entries the site added after the client's menu (issue 11: the document centre, procurement, budgets, ITA).
# Sections this site adds after the client's own menu, in the order core/demo.py gives them.
ADDED_MENU = [
    "ศูนย์ข้อมูลข่าวสาร",
    "จัดซื้อจัดจ้าง",
    "ข้อบัญญัติงบประมาณ",
    "ITA",
    "บริการประชาชน",
    "คำถามที่พบบ่อย",
    "ติดต่อเรา",
]


def nav_links(html):
    nav = re.search(r'<nav id="site-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a class="site-nav__link[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>', nav)


@pytest.fixture
def demo_content(demo_content_per_class, db):
    """The samples, loaded once for each class below: its tests read them, or change them and are rolled back."""


def test_an_empty_site_still_renders(client):
    # Outside the classes: their tests share the samples loaded for the class.
    response = client.get("/")
    assert response.status_code == 200
    assert "เว็บไซต์หน่วยงาน" in response.content.decode()


class TestHomePage:
    def test_is_thai_and_names_the_organisation(self, client, demo_content):
        response = client.get("/")
        html = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="th">' in html
        assert "องค์การบริหารส่วนตำบลจอมทอง" in html
        assert "อำเภอเมืองพิษณุโลก จังหวัดพิษณุโลก" in html

    def test_carries_all_twenty_menu_entries_in_the_clients_order(self, client, demo_content):
        titles = [title for _, title in nav_links(client.get("/").content.decode())]
        assert titles == CLIENT_MENU + ADDED_MENU

    def test_the_menu_matches_the_clients_original_page(self):
        _, _, original_menu = read_original_page()
        assert original_menu == CLIENT_MENU

    def test_every_menu_entry_answers_200(self, client, demo_content):
        links = nav_links(client.get("/").content.decode())
        assert len(links) == len(CLIENT_MENU + ADDED_MENU)
        for url, title in links:
            assert client.get(url).status_code == 200, f"{title} ({url})"

    def test_organisation_structure_groups_its_seven_entries(self, demo_content):
        group = MenuItem.objects.get(title="โครงสร้างองค์กร", parent=None)
        assert [child.title for child in group.children.order_by("order")] == CLIENT_MENU[7:14]

    def test_footer_shows_contact_details_office_hours_and_the_site_map(self, client, demo_content):
        html = client.get("/").content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        profile = SiteProfile.current()
        assert profile.phone in footer
        assert profile.email in footer
        assert profile.office_hours in footer
        assert reverse("pages:site_map") in footer

    def test_has_open_graph_tags_and_a_skip_link(self, client, demo_content):
        html = client.get("/").content.decode()
        assert '<meta property="og:site_name" content="องค์การบริหารส่วนตำบลจอมทอง">' in html
        assert 'property="og:title"' in html and 'property="og:description"' in html
        assert '<a class="skip-link" href="#main-content">' in html
        assert '<main id="main-content"' in html

    def test_public_pages_carry_a_strict_content_security_policy(self, client, demo_content):
        policy = client.get("/")["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy

    def test_a_clerk_renames_the_organisation_and_every_page_follows(self, client, demo_content):
        profile = SiteProfile.current()
        profile.name = "องค์การบริหารส่วนตำบลทดสอบ"
        profile.save()
        html = client.get("/pages/vision-mission/").content.decode()
        assert "องค์การบริหารส่วนตำบลทดสอบ" in html


class TestVisionPage:
    def test_shows_the_clients_text_as_flowing_paragraphs(self, client, demo_content):
        html = client.get("/pages/vision-mission/").content.decode()
        assert "<h1>วิสัยทัศน์ / พันธกิจ</h1>" in html
        # The seed wrapped "ความสุ" / "ข" inside a word: the page joins it back.
        assert "บังเกิดความสุขแบบอย่างยั่งยืน" in html
        assert "ผู้นำของการตัดสินใจสร้างความพัฒนา" in html
        assert "พิษณุโลกเมืองบริการสี่แยกอินโดจีน" in html
        assert "พระปรางค์วัดจุฬามณีพระพุทธรูปหลวงพ่อขาวและวังปลาหน้าวัดจูงนาง" in html
        body = re.search(r'<div class="rich-text">(.*?)</div>', html, re.S).group(1)
        assert body.count("<p>") == 3  # two paragraphs and the quoted slogan

    def test_highlights_the_slogan_as_a_quote(self, client, demo_content):
        html = client.get("/pages/vision-mission/").content.decode()
        assert (
            "<blockquote><p>น้ำไหล ไฟสว่าง ทางดี มีการศึกษา อนามัยดีอาชีพดี ชีวีปลอดภัย ชุมชนห่างไกลยาเสพติด</p></blockquote>" in html
        )

    def test_shows_when_it_was_last_updated_in_the_buddhist_era(self, client, demo_content):
        html = client.get("/pages/vision-mission/").content.decode()
        assert re.search(r"ปรับปรุงล่าสุด <time[^>]*>\d{1,2} \S+ 25\d\d</time>", html)

    def test_breadcrumbs_lead_home(self, client, demo_content):
        html = client.get("/pages/vision-mission/").content.decode()
        assert '<nav class="breadcrumbs"' in html
        assert '<a href="/">หน้าแรก</a>' in html


class TestDraftPages:
    def test_a_draft_is_hidden_from_the_public_and_previewed_for_staff(self, client, demo_content, admin_user):
        from pages.models import Page

        Page.objects.filter(slug="general-information").update(status=Page.Status.DRAFT)
        assert client.get("/pages/general-information/").status_code == 404
        staff = Client()
        staff.force_login(admin_user)
        response = staff.get("/pages/general-information/")
        assert response.status_code == 200
        assert "ฉบับร่าง" in response.content.decode()


class TestErrorsAndDiscovery:
    def test_unknown_address_gets_the_thai_404_page(self, client, demo_content):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()

    def test_the_500_page_is_thai_and_needs_no_database(self, client, settings):
        from core.views import server_error

        response = server_error(None)
        assert response.status_code == 500
        assert "ระบบขัดข้องชั่วคราว" in response.content.decode()

    def test_a_form_sent_without_its_security_token_gets_a_thai_page_that_says_what_to_do(self, demo_content):
        response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
        assert response.status_code == 403
        body = response.content.decode()
        assert "ส่งแบบฟอร์มไม่สำเร็จ" in body and "โหลดหน้าแบบฟอร์มใหม่" in body and 'lang="th"' in body

    def test_a_refused_page_gets_the_thai_403_page_with_a_way_to_log_in(self, rf, demo_content):
        from django.contrib.auth.models import AnonymousUser
        from django.core.exceptions import PermissionDenied
        from django.urls import get_resolver

        request = rf.get("/some/where/")
        request.user = AnonymousUser()
        response = get_resolver().resolve_error_handler(403)(request, exception=PermissionDenied())
        assert response.status_code == 403
        body = response.content.decode()
        assert "ไม่มีสิทธิ์เข้าถึงหน้านี้" in body and "/accounts/login/?next=/some/where/" in body

    def test_robots_txt_points_to_the_sitemap(self, client):
        text = client.get("/robots.txt").content.decode()
        assert "Disallow: /admin/" in text
        assert "Sitemap: http://testserver/sitemap.xml" in text

    def test_sitemap_lists_the_published_pages(self, client, demo_content):
        xml = client.get("/sitemap.xml").content.decode()
        assert "http://testserver/pages/vision-mission/" in xml

    def test_site_map_page_lists_the_menu(self, client, demo_content):
        html = client.get("/sitemap/").content.decode()
        for title in ("ข้อมูลทั่วไป", "ส่วนการศึกษา", "ตำนานอาหารของตำบล"):
            assert title in html

    def test_favicon_is_served_from_static(self, client):
        response = client.get("/favicon.ico")
        assert response.status_code == 301
        assert response["Location"].endswith("img/favicon.svg")
