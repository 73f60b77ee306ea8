"""Standing pages (ข้อมูลทั่วไป, วิสัยทัศน์ / พันธกิจ, and any page a clerk adds), edited in the admin.

Whatever a clerk pastes into the editor comes out inert on the public page, while the structure a page
needs (headings, lists, tables, links, images, figures with captions) survives; the page says when it was
last updated in the Buddhist era; a draft is a preview for the clerks who may edit pages and a 404 for
everyone else. (tests/site_tests/test_site_shell.py covers the demo's vision page and a superuser's preview.)
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from pages.models import Page
from tests.pages_tests.builders import clerk, png_bytes
from tests.pages_tests.test_csp import inline_code_problems

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")


@pytest.fixture
def page():
    return Page.objects.create(
        title="วิสัยทัศน์ / พันธกิจ", slug="vision-mission", body="<p>เดิม</p>", status=Page.Status.PUBLISHED, order=20
    )


@pytest.fixture
def page_clerk_client():
    client = Client()
    client.force_login(clerk("page-clerk", models=("page",)))
    return client


def save_through_the_admin(client, page, **fields):
    """Posts the page's change form as a clerk's browser would, and checks the admin accepted it."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "status": page.status,
        "order": page.order,
        "summary": page.summary,
        "body": page.body,
        "cover_alt": page.cover_alt,
        "_save": "บันทึก",
    }
    data.update(fields)
    response = client.post(f"/admin/pages/page/{page.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    page.refresh_from_db()
    return page


def rich_text_of(html):
    """The part of the public page that holds the clerk's body text."""
    return re.search(r'<div class="rich-text">(.*?)</div>\s*<p class="article__meta">', html, re.S).group(1)


# --- Hostile input: (what a clerk or an attacker pastes, text that must still be on the page) ---

HOSTILE = {
    "script tag": ("<p>ก่อน</p><script>alert('body')</script><p>หลัง</p>", "หลัง"),
    "script in upper case": ("<SCRIPT SRC=https://evil.example/x.js></SCRIPT><p>ปกติ</p>", "ปกติ"),
    "img onerror": ('<p>ภาพ</p><img src="x" onerror="alert(1)">', "ภาพ"),
    "event handlers on text": ('<p onclick="alert(1)" onmouseover="alert(2)">คลิก</p>', "คลิก"),
    "autofocus input": ("<input autofocus onfocus=alert(1)><p>แบบฟอร์ม</p>", "แบบฟอร์ม"),
    "javascript link": ('<a href="javascript:alert(1)">ลิงก์</a>', "ลิงก์"),
    "javascript link hidden by entities and tabs": ('<a href="jav&#x09;ascript&colon;alert(1)">ซ่อน</a>', "ซ่อน"),
    "javascript link in capitals with spaces": ('<a href="  JaVaScRiPt:alert(1)">ตัวใหญ่</a>', "ตัวใหญ่"),
    "vbscript link": ('<a href="vbscript:msgbox(1)">วีบี</a>', "วีบี"),
    "data: link to html": ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">ข้อมูล</a>', "ข้อมูล"),
    "data: image": ('<img src="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+">', ""),
    "svg with script": (
        '<svg onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)">s</a></svg><p>ต่อ</p>',
        "ต่อ",
    ),
    "math confusion": ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", ""),
    "iframe": (
        '<iframe src="https://evil.example/"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe><p>กรอบ</p>',
        "กรอบ",
    ),
    "object and embed": ('<object data="https://evil.example/x.swf"></object><embed src="x.swf"><p>ฝัง</p>', "ฝัง"),
    "base and meta refresh": (
        '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/"><p>ฐาน</p>',
        "ฐาน",
    ),
    "style attribute with expression": ('<p style="width:expression(alert(1))">สไตล์</p>', "สไตล์"),
    "style attribute with url(javascript:)": ('<p style="background:url(javascript:alert(1))">พื้นหลัง</p>', "พื้นหลัง"),
    "style element": ("<style>body{background:url(javascript:alert(1))}</style><p>หลังสไตล์</p>", "หลังสไตล์"),
    "form posting elsewhere": (
        '<form action="https://evil.example/"><button formaction="javascript:alert(1)">ส่ง</button></form>',
        "ส่ง",
    ),
    "noscript mutation": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript><p>ต่อจากนี้</p>',
        "ต่อจากนี้",
    ),
    "unclosed tags": ("<b><i>แท็กไม่ปิด<div><p>ย่อหน้าไม่ปิด", "ย่อหน้าไม่ปิด"),
    "breaking out of the article": ('</div></article></main><script>alert(1)</script><p>หลุด</p>', "หลุด"),
    "comment hiding a script": ("<!-- --><script>alert(1)</script><!-- --><p>ความเห็น</p>", "ความเห็น"),
}  # fmt: skip


NEVER_STORED = (
    "<script", "javascript:", "vbscript:", "data:", "<svg", "<math", "<iframe", "<object", "<embed", "<style",
    "style=", "<base", "<meta", "<form", "<input", "</article", "</main",
)  # fmt: skip


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_input_saved_through_the_admin_is_inert_on_the_public_page(page, page_clerk_client, case):
    hostile, kept_text = HOSTILE[case]
    saved = save_through_the_admin(page_clerk_client, page, body=hostile)

    stored = saved.body.lower()
    assert not re.search(r"\son[a-z]+\s*=", stored), saved.body
    for dangerous in NEVER_STORED:
        assert dangerous not in stored, (dangerous, saved.body)

    response = Client().get("/pages/vision-mission/")
    assert response.status_code == 200
    html = response.content.decode()
    assert inline_code_problems(html) == []
    body = rich_text_of(html)
    assert kept_text in body
    # The page's own structure after the body is intact: the clerk's text cannot swallow or close it.
    assert re.search(r'</div>\s*<p class="article__meta">ปรับปรุงล่าสุด', html)
    assert html.count("<main") == html.count("</main>") == 1


def test_unclosed_tags_are_closed_where_the_clerk_left_them(page, page_clerk_client):
    saved = save_through_the_admin(page_clerk_client, page, body="<b><i>แท็กไม่ปิด<div><p>ย่อหน้าไม่ปิด")
    assert saved.body == "<b><i>แท็กไม่ปิด<div><p>ย่อหน้าไม่ปิด</p></div></i></b>"


def test_hostile_title_and_summary_are_shown_as_text(page, page_clerk_client):
    hostile = "\"><script>alert('title')</script><img src=x onerror=alert(1)>"
    save_through_the_admin(page_clerk_client, page, title=f"วิสัยทัศน์ {hostile}", summary=f"สรุป {hostile}")
    html = Client().get("/pages/vision-mission/").content.decode()
    assert inline_code_problems(html) == []
    assert "<h1>วิสัยทัศน์ &quot;&gt;&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in html


# --- What a page needs survives ---

RICH_BODY = """
<h2>วิสัยทัศน์</h2>
<p>ตำบลจอมทอง <strong>น่าอยู่</strong> <em>ยั่งยืน</em></p>
<h3>พันธกิจ</h3>
<ol><li>พัฒนาโครงสร้างพื้นฐาน</li><li>ส่งเสริมอาชีพ</li></ol>
<ul><li>น้ำไหล</li><li>ไฟสว่าง</li></ul>
<blockquote><p>คำขวัญของตำบล</p></blockquote>
<table><caption>งบประมาณ</caption><thead><tr><th scope="col">ด้าน</th><th scope="col">บาท</th></tr></thead>
<tbody><tr><td>การศึกษา</td><td>1,200,000</td></tr><tr><td colspan="2">รวม</td></tr></tbody></table>
<p><a href="https://www.example.go.th/">เว็บไซต์จังหวัด</a> <a href="/news/">ข่าวสาร</a>
<a href="mailto:saraban@example.go.th">อีเมล</a> <a href="tel:055000000">โทร</a></p>
<p><img src="/media/uploads/2569/map.png" alt="แผนที่ตำบล" width="640" height="480"></p>
<figure class="image"><img src="/media/uploads/2569/river.jpg" alt="แม่น้ำน่าน" width="800" height="533">
<figcaption>แม่น้ำน่านไหลผ่านตำบล</figcaption></figure>
"""

SURVIVORS = [
    "<h2>วิสัยทัศน์</h2>",
    "<h3>พันธกิจ</h3>",
    "<strong>น่าอยู่</strong>",
    "<em>ยั่งยืน</em>",
    "<ol><li>พัฒนาโครงสร้างพื้นฐาน</li><li>ส่งเสริมอาชีพ</li></ol>",
    "<ul><li>น้ำไหล</li><li>ไฟสว่าง</li></ul>",
    "<blockquote><p>คำขวัญของตำบล</p></blockquote>",
    "<caption>งบประมาณ</caption>",
    '<th scope="col">ด้าน</th>',
    '<td colspan="2">รวม</td>',
    '<a href="https://www.example.go.th/" rel="noopener noreferrer">เว็บไซต์จังหวัด</a>',
    '<a href="/news/" rel="noopener noreferrer">ข่าวสาร</a>',
    '<a href="mailto:saraban@example.go.th" rel="noopener noreferrer">อีเมล</a>',
    '<a href="tel:055000000" rel="noopener noreferrer">โทร</a>',
    '<img src="/media/uploads/2569/map.png" alt="แผนที่ตำบล" width="640" height="480" loading="lazy" decoding="async">',
    '<figure><img src="/media/uploads/2569/river.jpg" alt="แม่น้ำน่าน" width="800" height="533" loading="lazy" '
    'decoding="async">',
    "<figcaption>แม่น้ำน่านไหลผ่านตำบล</figcaption></figure>",
]


def test_headings_lists_tables_links_images_and_figures_survive(page, page_clerk_client):
    save_through_the_admin(page_clerk_client, page, body=RICH_BODY)
    html = Client().get("/pages/vision-mission/").content.decode()
    body = re.sub(r"\n", "", rich_text_of(html))
    for fragment in SURVIVORS:
        assert fragment in body, fragment
    assert inline_code_problems(html) == []


# --- "ปรับปรุงล่าสุด" in the Buddhist era ---


@pytest.mark.parametrize(
    ("updated_at", "shown"),
    [
        (datetime.datetime(2026, 11, 23, 10, 0, tzinfo=BANGKOK), "23 พฤศจิกายน 2569"),
        # 20:30 on New Year's Eve in UTC is already the new year in Bangkok.
        (datetime.datetime(2026, 12, 31, 20, 30, tzinfo=datetime.UTC), "1 มกราคม 2570"),
    ],
)
def test_last_updated_is_shown_in_the_buddhist_era_in_bangkok_time(page, updated_at, shown):
    Page.objects.filter(pk=page.pk).update(updated_at=updated_at)
    html = Client().get("/pages/vision-mission/").content.decode()
    assert re.search(rf'ปรับปรุงล่าสุด <time datetime="[^"]+">{shown}</time>', html)


def test_saving_in_the_admin_moves_the_last_updated_date_and_records_the_clerk(page, page_clerk_client):
    Page.objects.filter(pk=page.pk).update(updated_at=datetime.datetime(2020, 1, 1, tzinfo=BANGKOK))
    saved = save_through_the_admin(page_clerk_client, page, body="<p>แก้ไขวันนี้</p>")
    today = timezone.localdate()
    assert saved.updated_by.username == "page-clerk"
    html = Client().get("/pages/vision-mission/").content.decode()
    assert f"{today.day} " in html and f" {today.year + 543}</time>" in html
    assert "2563</time>" not in html


# --- Drafts: a 404 for the public, a preview for the clerks who edit pages ---


def test_a_draft_page_three_ways(page_clerk_client):
    Page.objects.create(title="หน้าร่าง", slug="draft-page", body="<p>ยังไม่เผยแพร่</p>", status=Page.Status.DRAFT)
    assert Client().get("/pages/draft-page/").status_code == 404
    other_staff = Client()
    other_staff.force_login(clerk("news-clerk"))  # may edit announcements, not pages
    assert other_staff.get("/pages/draft-page/").status_code == 404
    preview = page_clerk_client.get("/pages/draft-page/")
    assert preview.status_code == 200
    assert "ฉบับร่าง: หน้านี้ยังไม่เผยแพร่ เห็นได้เฉพาะเจ้าหน้าที่" in preview.content.decode()
    assert "หน้าร่าง" not in Client().get("/sitemap/").content.decode()


def test_a_cover_image_uploaded_in_the_admin_is_shown_with_its_description(page, page_clerk_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cover = SimpleUploadedFile("cover.png", png_bytes((900, 500)), content_type="image/png")
    save_through_the_admin(page_clerk_client, page, cover_image=cover, cover_alt="ทุ่งนาริมแม่น้ำน่าน")
    html = Client().get("/pages/vision-mission/").content.decode()
    assert 'alt="ทุ่งนาริมแม่น้ำน่าน"' in html and "srcset=" in html
    assert inline_code_problems(html) == []
