"""A refused upload tells the clerk what is wrong and what to do, in the words the clerk sees (issue 15):

- a decompression bomb is "too large, at most 40 megapixels", not "not an image or damaged";
- a picture under a name that is not an image's (.html, .exe, "photo.jpg.html") names the kinds accepted:
  JPEG, PNG, GIF, WebP (not Django's list of some 80 formats that the site refuses anyway); a file that is no
  picture at all says so, and names them too;
- an empty file says to choose the file again.

The same message in the admin's cover field, in a gallery row, and in CKEditor's uploader; nothing is stored.
"""

import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from pages.models import Announcement, GalleryImage
from tests.pages_tests.builders import category, clerk, png_header_claiming
from tests.pages_tests.test_admin import ADD_URL, form_data

pytestmark = pytest.mark.django_db

TOO_MANY_PIXELS = "ภาพมีขนาดเกิน 40 ล้านพิกเซล กรุณาย่อภาพให้เล็กลงก่อนอัปโหลด"
NOT_AN_IMAGES_NAME = (
    "รองรับเฉพาะไฟล์ภาพ JPEG, PNG, GIF หรือ WebP (ชื่อไฟล์ลงท้ายด้วย .jpg, .jpeg, .png, .gif หรือ .webp) กรุณาเลือกไฟล์ภาพใหม่"
)
NOT_AN_IMAGE = "ไฟล์นี้ไม่ใช่ภาพ หรือภาพเสียหาย กรุณาเลือกไฟล์ภาพ JPEG, PNG, GIF หรือ WebP"
EMPTY_FILE = "ไฟล์ที่ส่งว่างเปล่า กรุณาเลือกไฟล์อีกครั้ง"


def jpeg_bytes():
    output = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(output, "JPEG")
    return output.getvalue()


CASES = {
    "a decompression bomb of 20000x20000": ("bomb.png", png_header_claiming(20_000, 20_000), TOO_MANY_PIXELS),
    "a picture named .html": ("photo.html", jpeg_bytes(), NOT_AN_IMAGES_NAME),
    "a picture named .exe": ("photo.exe", jpeg_bytes(), NOT_AN_IMAGES_NAME),
    "a picture named .jpg.html": ("photo.jpg.html", jpeg_bytes(), NOT_AN_IMAGES_NAME),
    "a web page named .html": ("page.html", b"<html><script>alert(document.cookie)</script></html>", NOT_AN_IMAGE),
    "a program named .exe": ("setup.exe", b"MZ\x90\x00\x03" + b"\x00" * 200, NOT_AN_IMAGE),
    "an empty file": ("photo.jpg", b"", EMPTY_FILE),
}


class ErrorMessages(HTMLParser):
    """The texts of the admin's error lists, one per message, as the clerk reads them."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.messages = []

    def handle_starttag(self, tag, attrs):
        if tag == "ul" and "errorlist" in (dict(attrs).get("class") or "").split():
            self.depth += 1
        elif tag == "li" and self.depth:
            self.messages.append("")

    def handle_endtag(self, tag):
        if tag == "ul" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.messages:
            self.messages[-1] += data


def admin_error_messages(response):
    parser = ErrorMessages()
    parser.feed(response.content.decode())
    return [" ".join(message.split()) for message in parser.messages]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def clerk_client():
    client = Client()
    client.force_login(clerk(models=("announcement", "galleryimage", "attachment", "category", "page")))
    return client


def in_the_cover_field(client, upload):
    response = client.post(ADD_URL, form_data(category(), cover_image=upload, cover_alt="ภาพ"))
    assert response.status_code == 200
    return admin_error_messages(response)


def in_a_gallery_row(client, upload):
    row = {"image": upload, "alt": "ภาพ", "caption": "", "order": 1}
    response = client.post(ADD_URL, form_data(category(), gallery=[row]))
    assert response.status_code == 200
    return admin_error_messages(response)


def in_the_ckeditor_uploader(client, upload):
    response = client.post("/ckeditor/upload/", {"upload": upload})
    assert response.status_code == 200  # CKEditor shows error.message only from a 2xx answer
    answer = response.json()
    assert answer["uploaded"] == 0
    return [answer["error"]["message"]]


@pytest.mark.parametrize("where", [in_the_cover_field, in_a_gallery_row, in_the_ckeditor_uploader])
@pytest.mark.parametrize("case", CASES)
def test_a_refused_upload_says_what_to_do_in_thai_and_stores_nothing(clerk_client, media_root, case, where):
    name, content, message = CASES[case]
    messages = where(clerk_client, SimpleUploadedFile(name, content))
    assert message in messages
    assert not any("Upload a valid image" in text or "bmp" in text for text in messages)
    assert Announcement.objects.count() == 0 and GalleryImage.objects.count() == 0
    assert [path for path in Path(media_root).rglob("*") if path.is_file()] == []


def test_an_empty_attachment_says_to_choose_the_file_again(clerk_client, media_root):
    row = {"file": SimpleUploadedFile("มติสภา.pdf", b""), "title": "", "order": 1}
    response = clerk_client.post(ADD_URL, form_data(category(), attachments=[row]))
    assert response.status_code == 200
    assert EMPTY_FILE in admin_error_messages(response)
    assert Announcement.objects.count() == 0
