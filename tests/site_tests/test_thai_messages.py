"""Django's own messages, and those of django-axes and CKEditor's image browser, reach clerks and residents
in Thai: the project's catalogue (locale/th/LC_MESSAGES) fills what the installed Thai catalogues lack.

The catalogue is checked as a file too: every translation keeps the placeholders and markup of its English,
and the compiled .mo that Django reads says exactly what the .po says."""

import ast
import gettext
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

from pages.models import Category, Page
from tests.pages_tests.builders import png_bytes

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "th" / "LC_MESSAGES"
DJANGO_DIR = Path(django.__file__).resolve().parent


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


@pytest.fixture
def clerk_client(db):
    client = Client()
    client.force_login(User.objects.create_superuser("clerk", password="x-unused-x"))
    return client


class TextCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(response):
    """The page as a person reads it: tags dropped, entities decoded, runs of white space made one."""
    collector = TextCollector()
    collector.feed(response.content.decode())
    return " ".join("".join(collector.parts).split())


# --- The admin: success messages, form errors, chrome, django-axes, CKEditor's image browser ---


@pytest.fixture
def vision(db):
    return Page.objects.create(title="วิสัยทัศน์ / พันธกิจ", slug="vision-mission", status=Page.Status.PUBLISHED)


def page_form(page=None, **fields):
    data = {"title": "", "slug": "", "status": "published", "order": 0, "summary": "", "body": "", "cover_alt": ""}
    if page:
        data.update(title=page.title, slug=page.slug, status=page.status, order=page.order, body=page.body)
    data.update(fields, _save="บันทึก")
    return data


def test_the_admin_says_in_thai_that_a_page_was_added(clerk_client):
    response = clerk_client.post("/admin/pages/page/add/", page_form(title="ประวัติตำบล", slug="history"), follow=True)
    text = visible_text(response)
    assert "เพิ่มหน้าเนื้อหา “ประวัติตำบล” เรียบร้อยแล้ว" in text
    assert "successfully" not in text
    assert Page.objects.filter(slug="history").exists()


def test_the_admin_says_in_thai_that_a_page_was_changed(clerk_client, vision):
    form = page_form(vision, body="<p>ตำบลน่าอยู่</p>")
    response = clerk_client.post(f"/admin/pages/page/{vision.pk}/change/", form, follow=True)
    text = visible_text(response)
    assert "เปลี่ยนแปลงหน้าเนื้อหา “วิสัยทัศน์ / พันธกิจ” เรียบร้อยแล้ว" in text
    assert "successfully" not in text
    vision.refresh_from_db()
    assert "ตำบลน่าอยู่" in vision.body


def test_the_admin_says_in_thai_that_a_page_was_changed_and_may_be_edited_again(clerk_client, vision):
    form = page_form(vision, _continue="บันทึกและแก้ไขต่อ")
    response = clerk_client.post(f"/admin/pages/page/{vision.pk}/change/", form, follow=True)
    assert "เปลี่ยนแปลงหน้าเนื้อหา “วิสัยทัศน์ / พันธกิจ” เรียบร้อยแล้ว แก้ไขต่อได้ด้านล่าง" in visible_text(response)


def test_the_admin_says_in_thai_that_a_page_was_deleted(clerk_client, vision):
    response = clerk_client.post(f"/admin/pages/page/{vision.pk}/delete/", {"post": "yes"}, follow=True)
    text = visible_text(response)
    assert "ลบหน้าเนื้อหา “วิสัยทัศน์ / พันธกิจ” เรียบร้อยแล้ว" in text
    assert "successfully" not in text
    assert not Page.objects.filter(pk=vision.pk).exists()


def category_form(**fields):
    return {"title": "ข่าวประชาสัมพันธ์", "slug": "pr-news", "description": "", "home_section": "", "order": 0} | fields


@pytest.mark.parametrize(
    ("fields", "thai", "english"),
    [
        (
            {"slug": "a" * 75},
            "ข้อความนี้ต้องยาวไม่เกิน 60 ตัวอักษร (ขณะนี้มี 75 ตัวอักษร)",
            "Ensure this value has at most",
        ),
        (
            {"slug": "ข่าว ใหม่!"},
            "กรุณาใส่ชื่อในลิงก์ (slug) ให้ถูกต้อง: ใช้ได้เฉพาะตัวอักษรภาษาอังกฤษ ตัวเลข ขีดล่าง (_) และขีด (-)",
            "Enter a valid",
        ),
        (
            {"title": "ข่าว\x00ประชาสัมพันธ์"},
            "ข้อความมีอักขระว่าง (null) ซึ่งใช้ไม่ได้ กรุณาลบออกหรือพิมพ์ข้อความใหม่",
            "Null characters are not allowed",
        ),
    ],
    ids=["too long", "invalid slug", "NUL character"],
)
def test_a_clerks_typing_mistake_is_explained_in_thai_and_nothing_is_saved(clerk_client, fields, thai, english):
    response = clerk_client.post("/admin/pages/category/add/", category_form(**fields))
    assert response.status_code == 200
    text = visible_text(response)
    assert thai in text
    assert english not in text
    assert "กรุณาแก้ไขข้อผิดพลาดด้านล่าง" in text
    assert not Category.objects.exists()


def test_a_cover_image_with_a_wrong_extension_is_refused_in_thai_and_nothing_is_saved(clerk_client):
    picture_named_txt = SimpleUploadedFile("vision.txt", png_bytes(), content_type="text/plain")
    form = page_form(title="วิสัยทัศน์", slug="vision", cover_image=picture_named_txt)
    response = clerk_client.post("/admin/pages/page/add/", form)
    assert response.status_code == 200
    text = visible_text(response)
    assert "รองรับเฉพาะไฟล์ภาพ JPEG, PNG, GIF หรือ WebP (ชื่อไฟล์ลงท้ายด้วย .jpg, .jpeg, .png, .gif หรือ .webp)" in text
    assert "bmp" not in text
    assert "File extension" not in text and "is not allowed" not in text
    assert not Page.objects.exists()


def test_the_admin_chrome_is_thai(clerk_client, vision):
    text = visible_text(clerk_client.get("/admin/pages/page/"))
    html = clerk_client.get("/admin/pages/page/").content.decode()
    assert "ข้ามไปยังเนื้อหาหลัก" in text and "Skip to main content" not in text
    assert 'placeholder="พิมพ์เพื่อกรองรายการ…"' in html and "Start typing to filter" not in html
    assert "แสดงจำนวน" in text and "Show counts" not in text
    counted = visible_text(clerk_client.get("/admin/pages/page/?_facets=True"))
    assert "ซ่อนจำนวน" in counted and "Hide counts" not in counted


def test_the_admins_javascript_counts_the_selection_and_names_the_days_in_thai(clerk_client):
    catalogue = clerk_client.get("/admin/jsi18n/").content.decode()
    assert json.dumps("เลือกแล้ว %(sel)s จาก %(cnt)s รายการ") in catalogue
    assert json.dumps("อาทิตย์") in catalogue and json.dumps("ม.ค.") in catalogue
    assert json.dumps("%(sel)s จาก %(cnt)s selected") not in catalogue


def test_django_axes_section_of_the_admin_is_thai(clerk_client):
    index = visible_text(clerk_client.get("/admin/"))
    for heading in ["การพยายามเข้าสู่ระบบ", "การเข้าสู่ระบบที่ไม่สำเร็จ", "บันทึกการเข้าสู่ระบบ"]:
        assert heading in index
    for english in ["Access attempts", "Access failures", "Access logs"]:
        assert english not in index

    Client().post("/accounts/login/", {"username": "clerk", "password": "wrong"})
    attempts = visible_text(clerk_client.get("/admin/axes/accessattempt/"))
    for column in ["เบราว์เซอร์ที่ใช้ (User Agent)", "หมายเลข IP", "ชื่อผู้ใช้", "เวลาที่พยายามเข้าสู่ระบบ",
                   "จำนวนครั้งที่เข้าสู่ระบบไม่สำเร็จ", "ถูกล็อก"]:  # fmt: skip
        assert column in attempts
    for english in ["User Agent IP Address", "Attempt Time", "Failed Logins", "Locked Out"]:
        assert english not in attempts


def test_ckeditors_image_browser_is_thai(clerk_client):
    text = visible_text(clerk_client.get("/ckeditor/browse/"))
    assert "เลือกภาพที่จะแทรก" in text and "ค้นหาไฟล์" in text
    assert "ยังไม่มีภาพ" in text
    assert "Select an image" not in text and "Search files" not in text and "No images found" not in text


# --- The public password change page ---

MEMBER_PASSWORD = "Nan-river-at-dawn-2569"


@pytest.fixture
def member_client(db):
    User.objects.create_user("somchai", password=MEMBER_PASSWORD, first_name="สมชาย")
    client = Client()
    assert client.post("/accounts/login/", {"username": "somchai", "password": MEMBER_PASSWORD}).status_code == 302
    return client


def test_the_password_page_explains_the_rules_in_thai(member_client):
    text = visible_text(member_client.get("/accounts/password/"))
    for rule in [
        "รหัสผ่านต้องไม่คล้ายกับข้อมูลส่วนตัวอื่น ๆ ของคุณมากเกินไป",
        "รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร",
        "รหัสผ่านต้องไม่ใช่รหัสผ่านที่ใช้กันทั่วไป",
        "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด",
        "กรอกรหัสผ่านเดียวกับช่องก่อนหน้าอีกครั้ง เพื่อยืนยันความถูกต้อง",
    ]:
        assert rule in text
    assert "Your password" not in text and "Enter the same password" not in text


@pytest.mark.parametrize(
    ("new_password1", "new_password2", "thai"),
    [
        ("Nan9", "Nan9", "รหัสผ่านนี้สั้นเกินไป ต้องมีอย่างน้อย 8 ตัวอักษร"),
        ("qwertyuiop", "qwertyuiop", "รหัสผ่านนี้เป็นรหัสผ่านที่ใช้กันทั่วไปและเดาได้ง่าย"),
        ("25692569256", "25692569256", "รหัสผ่านนี้เป็นตัวเลขทั้งหมด"),
        ("somchai1", "somchai1", "รหัสผ่านคล้ายกับชื่อผู้ใช้มากเกินไป"),
        ("Khwae-Noi-2569-a", "Khwae-Noi-2569-b", "รหัสผ่านที่กรอกทั้งสองช่องไม่ตรงกัน"),
    ],
    ids=["too short", "too common", "all digits", "like the username", "mismatched"],
)
def test_a_weak_or_mistyped_new_password_is_refused_in_thai_and_the_old_one_still_works(
    member_client, new_password1, new_password2, thai
):
    form = {"old_password": MEMBER_PASSWORD, "new_password1": new_password1, "new_password2": new_password2}
    response = member_client.post("/accounts/password/", form)
    assert response.status_code == 200
    text = visible_text(response)
    assert thai in text
    assert not re.search(r"This password|didn.t match|too similar to the", text)
    assert User.objects.get(username="somchai").check_password(MEMBER_PASSWORD)


# --- The catalogue as a file ---


def read_po(path):
    """The entries of a .po file, read with the standard library: msgctxt, msgid, msgid_plural, msgstr (a list)."""
    entries, entry, field = [], None, None
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry = None
            continue
        if line.startswith("#"):
            continue
        entry = entry or {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": []}
        keyword = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
        if keyword:
            field, value = keyword.group(1), ast.literal_eval(keyword.group(2))
            if field.startswith("msgstr"):
                entry["msgstr"].append(value)
            else:
                entry[field] = value
        elif field.startswith("msgstr"):
            entry["msgstr"][-1] += ast.literal_eval(line)
        else:
            entry[field] += ast.literal_eval(line)
    return entries


def catalogue(domain):
    entries = read_po(LOCALE_DIR / f"{domain}.po")
    header, rest = entries[0], entries[1:]
    assert header["msgid"] == "", "the header entry comes first"
    return header, rest


DOMAINS = ["django", "djangojs"]
PLACEHOLDER = re.compile(
    r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]"  # %(name)s, %(count)d
    r"|%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]"  # %s, %d
    r"|\{\w*\}"  # {name}, {}
)
MARKUP = re.compile(r"<[^>]+>|&\w+;")


def placeholders(text):
    """Named placeholders may move and repeat in a translation; positional ones must stay in order."""
    found = PLACEHOLDER.findall(text.replace("%%", ""))
    is_named = [item.startswith("%(") or (item.startswith("{") and item != "{}") for item in found]
    named = {item for item, named in zip(found, is_named, strict=True) if named}
    positional = [item for item, named in zip(found, is_named, strict=True) if not named]
    return named, positional


def broken_placeholders(entry):
    """The translations that lost, renamed or invented a placeholder of their English."""
    sources = [text for text in (entry["msgid"], entry["msgid_plural"]) if text]
    return [
        (entry["msgid"], text)
        for source in sources
        for text in entry["msgstr"]
        if placeholders(text) != placeholders(source)
    ]


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_translation_keeps_the_placeholders_of_its_english(domain):
    _, entries = catalogue(domain)
    assert entries
    broken = [problem for entry in entries for problem in broken_placeholders(entry)]
    assert broken == []


def test_the_placeholder_check_catches_a_lost_or_renamed_placeholder():
    english = "The {name} “{obj}” was changed successfully."
    assert broken_placeholders({"msgid": english, "msgid_plural": None, "msgstr": ["เปลี่ยนแปลง{name} เรียบร้อยแล้ว"]})
    assert broken_placeholders({"msgid": "%(num)d year", "msgid_plural": "%(num)d years", "msgstr": ["%(n)d ปี"]})
    assert broken_placeholders({"msgid": "Set password: %s", "msgid_plural": None, "msgstr": ["ตั้งรหัสผ่าน"]})
    assert not broken_placeholders({"msgid": english, "msgid_plural": None, "msgstr": ["เปลี่ยนแปลง{name} “{obj}” แล้ว"]})


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_translation_keeps_the_markup_of_its_english(domain):
    _, entries = catalogue(domain)
    changed = [
        (entry["msgid"], text)
        for entry in entries
        for text in entry["msgstr"]
        if Counter(MARKUP.findall(entry["msgid"])) != Counter(MARKUP.findall(text))
    ]
    assert changed == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_catalogue_is_utf8_thai_with_one_plural_form_and_nothing_left_empty(domain):
    header, entries = catalogue(domain)
    assert "Content-Type: text/plain; charset=UTF-8\n" in header["msgstr"][0]
    assert "Language: th\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header["msgstr"][0]
    assert all(len(entry["msgstr"]) == 1 and entry["msgstr"][0] for entry in entries)
    keys = [(entry["msgctxt"], entry["msgid"]) for entry in entries]
    assert len(keys) == len(set(keys)), "each message is translated once"


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_compiled_catalogue_says_exactly_what_the_po_says(domain):
    """Django reads the .mo: a .po edited without running msgfmt would change nothing on the site."""
    _, entries = catalogue(domain)
    with open(LOCALE_DIR / f"{domain}.mo", "rb") as compiled:
        loaded = gettext.GNUTranslations(compiled)
    expected = {}
    for entry in entries:
        key = f"{entry['msgctxt']}\x04{entry['msgid']}" if entry["msgctxt"] else entry["msgid"]
        if entry["msgid_plural"] is None:
            expected[key] = entry["msgstr"][0]
        else:
            expected[(key, 0)] = entry["msgstr"][0]
    messages = {key: text for key, text in loaded._catalog.items() if key != ""}
    assert messages == expected
    assert loaded.plural(1) == loaded.plural(75) == 0


def installed_english(catalogue_path):
    return [(entry["msgctxt"], entry["msgid"], entry["msgid_plural"]) for entry in read_po(catalogue_path)[1:]]


def has_thai(translated, context, msgid, plural):
    key = f"{context}\x04{msgid}" if context else msgid
    return ((key, 0) if plural else key) in translated


def test_every_django_message_a_clerk_or_resident_may_see_has_thai():
    """A Django upgrade that brings new English text fails here, naming what to add to locale/th."""
    django_domain = DjangoTranslation("th")._catalog
    admin_js = DjangoTranslation("th", domain="djangojs", localedirs=[DJANGO_DIR / "contrib/admin/locale"])._catalog
    sources = [
        ("conf/locale/en/LC_MESSAGES/django.po", django_domain),
        ("contrib/admin/locale/en/LC_MESSAGES/django.po", django_domain),
        ("contrib/admin/locale/en/LC_MESSAGES/djangojs.po", admin_js),
        ("contrib/auth/locale/en/LC_MESSAGES/django.po", django_domain),
        ("contrib/contenttypes/locale/en/LC_MESSAGES/django.po", django_domain),
        ("contrib/sessions/locale/en/LC_MESSAGES/django.po", django_domain),
    ]
    missing = [
        (source, msgid)
        for source, translated in sources
        for context, msgid, plural in installed_english(DJANGO_DIR / source)
        if not has_thai(translated, context, msgid, plural)
    ]
    assert missing == []
