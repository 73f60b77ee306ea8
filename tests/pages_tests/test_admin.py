"""Clerks publish through the admin: hostile input comes out inert on the public page, and bad files are
refused with a Thai message while nothing is stored (no row, no file under MEDIA_ROOT)."""

import base64
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pages.models import Announcement, Attachment, GalleryImage
from tests.pages_tests.builders import (
    SVG_WITH_SCRIPT,
    Status,
    announcement,
    category,
    clerk,
    office_zip,
    ole2_bytes,
    pdf_bytes,
    png_bytes,
    png_header_claiming,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/pages/announcement/add/"


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file() and "renditions" not in path.parts}


@pytest.fixture
def clerk_client():
    client = Client()
    client.force_login(clerk())
    return client


def form_data(cat, *, gallery=(), attachments=(), **fields):
    """What the admin's add form posts: the announcement, its gallery and its attachments inlines."""
    data = {
        "category": cat.pk,
        "title": "ข่าวจากระบบจัดการ",
        "slug": "",
        "summary": "สรุป",
        "body": "<p>เนื้อหา</p>",
        "status": Status.PUBLISHED,
        "publish_at_0": "2026-01-15",
        "publish_at_1": "09:00:00",
        "cover_alt": "",
        "_save": "บันทึก",
    }
    data.update(fields)
    for prefix, rows in (("gallery", gallery), ("attachments", attachments)):
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0,
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})  # fmt: skip
        for index, row in enumerate(rows):
            data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


class InertChecker(HTMLParser):
    """Collects anything in a page that could run script: inline scripts, handlers, script URLs."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith(settings.STATIC_URL):
                self.problems.append(f"<script> not from static: {attrs}")
        if tag in {"iframe", "object", "embed", "svg", "math", "base", "form"} and tag != "form":
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}={value}")
            if (
                name in {"href", "src", "srcset", "action", "formaction", "xlink:href"}
                and value
                and (
                    value.strip()
                    .lower()
                    .replace("\t", "")
                    .replace("\n", "")
                    .startswith(("javascript:", "data:", "vbscript:"))
                )
            ):
                self.problems.append(f"{tag} {name}={value}")
            if name == "style":
                self.problems.append(f"{tag} style={value}")


def assert_inert(html):
    checker = InertChecker()
    checker.feed(html)
    assert checker.problems == []
    assert "alert(" not in html.replace("&quot;", '"').split("<main", 1)[1].split("</main>")[0] or "&lt;" in html


HOSTILE_BODY = "".join(
    [
        "<p>ข้อความปกติ</p>",
        "<script>alert('body')</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(2)">คลิก</a>',
        '<a href="JaVaScRiPt&colon;alert(3)">คลิกอีก</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==">ข้อมูล</a>',
        '<img src="data:image/svg+xml;base64,' + base64.b64encode(SVG_WITH_SCRIPT).decode() + '" alt="svg">',
        "<svg><script>alert(5)</script></svg>",
        '<iframe src="https://example.org/"></iframe>',
        '<p style="background:url(javascript:alert(6))" onclick="alert(7)">สไตล์',
        "<b><i>แท็กไม่ปิด",
        '<div onmouseover="alert(8)">"><script>alert(9)</script>',
    ]
)
HOSTILE_TEXT = "\"><script>alert('text')</script><img src=x onerror=alert(10)>"


def test_hostile_input_saved_through_the_admin_is_inert_on_the_public_page(clerk_client):
    cat = category()
    data = form_data(
        cat,
        title=f"หัวข้อ {HOSTILE_TEXT}",
        summary=f"สรุป {HOSTILE_TEXT}",
        body=HOSTILE_BODY,
        cover_alt=HOSTILE_TEXT,
        cover_image=SimpleUploadedFile("cover.png", png_bytes((200, 120)), content_type="image/png"),
        gallery=[
            {
                "image": SimpleUploadedFile("g.png", png_bytes()),
                "alt": HOSTILE_TEXT,
                "caption": HOSTILE_TEXT,
                "order": 1,
            }
        ],  # fmt: skip
        attachments=[{"file": SimpleUploadedFile("r.pdf", pdf_bytes()), "title": HOSTILE_TEXT, "order": 1}],
    )
    response = clerk_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    item = Announcement.objects.get()
    assert item.updated_by.username == "clerk"
    assert "<script" not in item.body and "onerror" not in item.body and "javascript" not in item.body.lower()
    assert "ข้อความปกติ" in item.body and "แท็กไม่ปิด" in item.body

    for url in (item.get_absolute_url(), "/news/activities/", "/news/", "/"):
        page = Client().get(url)
        assert page.status_code == 200, url
        assert_inert(page.content.decode())
    detail = Client().get(item.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&#x27;text&#x27;)&lt;/script&gt;" in detail  # shown as text, never run
    assert "ข้อความปกติ" in detail and "แท็กไม่ปิด" in detail
    feed = Client().get("/news/rss/").content.decode()
    # Escaped as HTML, then as XML: a reader decodes both and shows the text, never a <script>.
    assert "<script>" not in feed and "&amp;lt;script&amp;gt;" in feed


def test_an_svg_with_script_is_refused_as_a_cover(clerk_client):
    before = media_files()
    data = form_data(category(), cover_image=SimpleUploadedFile("evil.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
                     cover_alt="ภาพ")  # fmt: skip
    response = clerk_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "ไฟล์นี้ไม่ใช่ภาพ" in response.content.decode()
    assert Announcement.objects.count() == 0 and media_files() == before


BAD_IMAGES = {
    "not an image": (SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script></html>"), "ไฟล์นี้ไม่ใช่ภาพ"),
    "svg renamed png": (SimpleUploadedFile("photo.png", SVG_WITH_SCRIPT), "ไฟล์นี้ไม่ใช่ภาพ"),
    "decompression bomb 10000x10000": (
        SimpleUploadedFile("bomb.png", png_header_claiming(10_000, 10_000)),
        "ภาพมีขนาดเกิน 40 ล้านพิกเซล",
    ),
    "decompression bomb 50000x50000": (
        SimpleUploadedFile("bomb2.png", png_header_claiming(50_000, 50_000)),
        "ภาพมีขนาดเกิน 40 ล้านพิกเซล",
    ),
}


@pytest.mark.parametrize("case", BAD_IMAGES)
@pytest.mark.parametrize("where", ["cover", "gallery"])
def test_bad_images_are_refused_with_a_thai_message_and_nothing_is_stored(clerk_client, case, where):
    upload, message = BAD_IMAGES[case]
    upload.seek(0)
    before = media_files()
    if where == "cover":
        data = form_data(category(), cover_image=upload, cover_alt="ภาพ")
    else:
        data = form_data(category(), gallery=[{"image": upload, "alt": "ภาพ", "caption": "", "order": 1}])
    response = clerk_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Announcement.objects.count() == 0 and GalleryImage.objects.count() == 0
    assert media_files() == before


def test_an_oversized_image_is_refused_before_it_is_stored(clerk_client):
    before = media_files()
    big = png_bytes((8, 8)) + b"\x00" * (20 * 1024 * 1024 + 1)  # a real PNG, followed by more than 20 MB
    data = form_data(category(), cover_image=SimpleUploadedFile("big.png", big, "image/png"), cover_alt="ภาพ")
    response = clerk_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "ไฟล์ภาพใหญ่เกิน 20 MB" in response.content.decode()
    assert Announcement.objects.count() == 0 and media_files() == before


def test_a_cover_needs_its_description(clerk_client):
    data = form_data(category(), cover_image=SimpleUploadedFile("c.png", png_bytes(), "image/png"), cover_alt="")
    response = clerk_client.post(ADD_URL, data)
    assert "กรุณาใส่คำอธิบายภาพ สำหรับผู้พิการทางสายตา" in response.content.decode()
    assert Announcement.objects.count() == 0


WRONG_ATTACHMENTS = {
    "html renamed pdf": ("resolution.pdf", b"<html><script>alert(1)</script></html>"),
    "executable": ("setup.exe", b"MZ\x90\x00" + b"\x00" * 64),
    "html file": ("page.html", b"<script>alert(1)</script>"),
    "svg": ("drawing.svg", SVG_WITH_SCRIPT),
    "plain zip named docx": ("letter.docx", office_zip("other/")),
    "pdf named doc": ("letter.doc", pdf_bytes()),
    "ole2 named pdf": ("table.pdf", ole2_bytes()),
    "docx named xlsx": ("table.xlsx", office_zip("word/")),
}


@pytest.mark.parametrize("case", WRONG_ATTACHMENTS)
def test_attachments_of_the_wrong_type_are_refused(clerk_client, case):
    name, content = WRONG_ATTACHMENTS[case]
    before = media_files()
    data = form_data(category(), attachments=[{"file": SimpleUploadedFile(name, content), "title": "", "order": 1}])
    response = clerk_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "รองรับเฉพาะไฟล์ PDF, Word (.doc, .docx) และ Excel (.xls, .xlsx)" in response.content.decode()
    assert Announcement.objects.count() == 0 and Attachment.objects.count() == 0
    assert media_files() == before


def test_pdf_word_and_excel_attachments_are_accepted_and_shown_with_type_and_size(clerk_client):
    files = [
        ("มติ.pdf", pdf_bytes()),
        ("old.doc", ole2_bytes()),
        ("new.docx", office_zip("word/")),
        ("old.xls", ole2_bytes()),
        ("new.xlsx", office_zip("xl/")),
    ]
    rows = [
        {"file": SimpleUploadedFile(name, content), "title": "", "order": i} for i, (name, content) in enumerate(files)
    ]
    response = clerk_client.post(ADD_URL, form_data(category(), attachments=rows))
    assert response.status_code == 302
    item = Announcement.objects.get()
    assert [a.kind for a in item.attachments.all()] == ["PDF", "Word", "Word", "Excel", "Excel"]
    assert item.attachments.get(file__endswith=".pdf").file_size == len(pdf_bytes())
    body = Client().get(item.get_absolute_url()).content.decode()
    assert f"ไฟล์ PDF ขนาด {len(pdf_bytes())} ไบต์" in body
    assert "ไฟล์ Excel ขนาด 512 ไบต์" in body
    assert "มติ.pdf" in body  # no title: the file's own name is shown


def test_admin_lists_filters_and_searches_announcements(clerk_client):
    cat = category()
    announcement(cat, "ข่าวมีภาพ", cover=True)
    announcement(cat, "ข่าวร่าง", status=Status.DRAFT)
    announcement(cat, "ข่าวตั้งเวลา", days_ago=-2)
    changelist = clerk_client.get("/admin/pages/announcement/")
    body = changelist.content.decode()
    assert changelist.status_code == 200
    assert "ฉบับร่าง" in body and "ตั้งเวลา:" in body and "เผยแพร่แล้ว" in body
    assert "<img" in body  # the cover thumbnail
    assert "ข่าวร่าง" in clerk_client.get("/admin/pages/announcement/?status__exact=draft").content.decode()
    assert "ข่าวมีภาพ" not in clerk_client.get("/admin/pages/announcement/?status__exact=draft").content.decode()
    assert "ข่าวมีภาพ" in clerk_client.get("/admin/pages/announcement/?q=มีภาพ").content.decode()


def test_admin_actions_publish_and_withdraw_through_the_service(clerk_client):
    cat = category()
    draft = announcement(cat, "ร่าง", status=Status.DRAFT)
    response = clerk_client.post(
        "/admin/pages/announcement/", {"action": "publish_selected", "_selected_action": [draft.pk]}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.updated_by.username == "clerk"
    clerk_client.post("/admin/pages/announcement/", {"action": "withdraw_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_admin_three_ways(clerk_client):
    assert Client().get(ADD_URL).status_code == 302  # anonymous → login
    other = Client()
    other.force_login(clerk("forum-clerk", models=()))
    assert other.get(ADD_URL).status_code == 403
    assert clerk_client.get(ADD_URL).status_code == 200


def test_a_category_slug_cannot_take_a_reserved_path(clerk_client):
    response = clerk_client.post("/admin/pages/category/add/", {"title": "ฟีด", "slug": "rss", "order": 0,
                                                                "home_section": "", "description": ""})  # fmt: skip
    assert "ชื่อในลิงก์นี้ระบบใช้อยู่แล้ว" in response.content.decode()
    new_category = {"title": "ประกาศจัดซื้อ", "slug": "procurement", "order": 0, "home_section": "", "description": ""}
    response = clerk_client.post("/admin/pages/category/add/", new_category)
    assert response.status_code == 302
    assert Client().get("/news/procurement/").status_code == 200


assert os.sep  # keep the import used on every platform
