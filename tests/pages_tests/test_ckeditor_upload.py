"""CKEditor's image uploader: only staff, only with Django's CSRF token, only real images, stored without EXIF.

Everything else is refused in the answer CKEditor shows to the clerk (JSON for its uploads, a callFunction
script for a form post), in Thai, and nothing is written under MEDIA_ROOT.
"""

import html
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from pages.models import Page
from tests.pages_tests.builders import SVG_WITH_SCRIPT, clerk, png_bytes, png_header_claiming

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/ckeditor/upload/"
BROWSE_URL = "/ckeditor/browse/"
GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def media_files(root):
    return sorted(str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file())


@pytest.fixture
def page_clerk():
    return clerk("page-clerk", models=("page",))


@pytest.fixture
def staff_client(page_clerk):
    client = Client()
    client.force_login(page_clerk)
    return client


def upload(client, name, content, url=UPLOAD_URL, **extra):
    return client.post(url, {"upload": SimpleUploadedFile(name, content)}, **extra)


def jpeg_with_gps(size=(120, 80)):
    exif = Image.Exif()
    exif[0x010F] = "กล้องของเจ้าหน้าที่"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (16.0, 49.0, 30.0), 3: "E", 4: (100.0, 15.0, 0.0)})
    output = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(output, "JPEG", exif=exif)
    return output.getvalue()


def stored_image(media_root, response):
    """The file the answer's URL points at, opened with Pillow."""
    url = response.json()["url"]
    assert url.startswith("/media/uploads/")
    return Image.open(Path(media_root) / unquote(url.removeprefix("/media/")))


# --- Who may upload ---


def test_anonymous_visitors_are_sent_to_the_admin_login_and_nothing_is_stored(media_root):
    response = upload(Client(), "photo.png", png_bytes())
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert media_files(media_root) == []


def test_logged_in_residents_who_are_not_staff_cannot_upload(media_root):
    resident = Client()
    resident.force_login(User.objects.create_user("resident", password="resident-password-2569"))
    response = upload(resident, "photo.png", png_bytes())
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert media_files(media_root) == []


def test_the_browse_dialog_is_staff_only_and_never_cached(staff_client):
    assert Client().get(BROWSE_URL).status_code == 302
    response = staff_client.get(BROWSE_URL)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_the_upload_url_only_takes_posts(staff_client):
    assert staff_client.get(UPLOAD_URL).status_code == 405


# --- CSRF ---


def editor_config(client, page):
    """The configuration the admin hands to CKEditor on a page's change form."""
    form = client.get(f"/admin/pages/page/{page.pk}/change/").content.decode()
    attribute = re.search(r'<textarea name="body"[^>]*data-config="([^"]*)"', form).group(1)
    return json.loads(html.unescape(attribute))


@pytest.fixture
def strict_client(page_clerk):
    client = Client(enforce_csrf_checks=True)
    client.force_login(page_clerk)
    return client


def test_an_upload_without_the_csrf_token_is_refused(strict_client, media_root):
    response = upload(strict_client, "photo.png", png_bytes())
    assert response.status_code == 403
    assert media_files(media_root) == []


def test_ckeditors_own_made_up_token_is_not_enough(strict_client, media_root):
    # Stock CKEditor 4 sends a random ckCsrfToken field and the same value as a cookie; no session knows it.
    strict_client.cookies["ckCsrfToken"] = "a" * 40
    response = strict_client.post(
        UPLOAD_URL, {"upload": SimpleUploadedFile("photo.png", png_bytes()), "ckCsrfToken": "a" * 40}
    )
    assert response.status_code == 403
    assert media_files(media_root) == []


def test_the_editor_in_the_admin_uploads_with_djangos_csrf_token(strict_client, media_root):
    page = Page.objects.create(title="วิสัยทัศน์", slug="vision", status=Page.Status.PUBLISHED)
    config = editor_config(strict_client, page)
    assert config["filebrowserUploadUrl"] == UPLOAD_URL
    assert config["filebrowserUploadMethod"] == "xhr"
    headers = config["fileTools_requestHeaders"]
    # What CKEditor's XHR sends: the header from its configuration, the cookie the admin page set.
    response = upload(strict_client, "photo.png", png_bytes(), headers=headers)
    assert response.status_code == 200 and response.json()["uploaded"] == 1
    assert len([name for name in media_files(media_root) if "_thumb" not in name]) == 1


# --- What is accepted, and how it is stored ---


def test_a_real_png_is_stored_with_a_thumbnail_and_its_url_is_returned(staff_client, media_root):
    response = upload(staff_client, "แผนที่ตำบล.png", png_bytes((320, 200)))
    assert response.status_code == 200
    answer = response.json()
    assert answer["uploaded"] == 1 and answer["width"] == 320 and answer["height"] == 200
    assert answer["fileName"] == "แผนที่ตำบล.png" and unquote(answer["url"]).endswith(answer["fileName"])
    with stored_image(media_root, response) as image:
        assert image.format == "PNG" and image.size == (320, 200)
    stored = media_files(media_root)
    assert len(stored) == 2 and any(name.endswith("_thumb.png") for name in stored)
    assert answer["fileName"] in staff_client.get(BROWSE_URL).content.decode()


def test_the_gps_position_in_a_photo_is_removed(staff_client, media_root):
    with Image.open(io.BytesIO(jpeg_with_gps())) as original:
        assert original.getexif().get_ifd(GPS_IFD)  # the photo really carries a position
    response = upload(staff_client, "river.jpg", jpeg_with_gps())
    assert response.status_code == 200
    with stored_image(media_root, response) as image:
        assert image.format == "JPEG"
        assert not image.getexif().get_ifd(GPS_IFD)
        assert len(image.getexif()) == 0
    assert b"Exif" not in (Path(media_root) / response.json()["url"].removeprefix("/media/")).read_bytes()


def test_an_image_is_stored_under_the_extension_of_its_real_format(staff_client, media_root):
    response = upload(staff_client, "photo.jpg", png_bytes())
    assert response.json()["fileName"].endswith(".png")


def test_the_form_post_answer_calls_back_into_the_editor(staff_client):
    response = upload(staff_client, "photo.png", png_bytes(), url=UPLOAD_URL + "?CKEditorFuncNum=7")
    body = response.content.decode()
    assert re.fullmatch(
        r"<script>window\.parent\.CKEDITOR\.tools\.callFunction\(7, '/media/uploads/[^']+\.png', ''\);</script>", body
    )


def test_the_paste_and_drop_upload_address_still_reaches_the_uploader(staff_client):
    # CKEditor's uploadimage plugin appends "&responseType=json" to the path itself.
    response = upload(staff_client, "photo.png", png_bytes(), url=UPLOAD_URL + "&responseType=json")
    assert response.status_code == 200 and response.json()["uploaded"] == 1


# --- Large photos are stored at a size a page can carry ---


def photo_bytes(size, image_format, *, orientation=None):
    """A photo-like picture (a gradient, so that it compresses like a photo, not like a flat colour)."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.paste((200, 100, 50), (0, 0, width // 3, height // 3))  # a corner that shows which way is up
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    output = io.BytesIO()
    image.save(output, image_format, **({"exif": exif, "quality": 95} if image_format == "JPEG" else {}))
    return output.getvalue()


def jpeg_quantization(quality):
    output = io.BytesIO()
    Image.new("RGB", (16, 16)).save(output, "JPEG", quality=quality)
    with Image.open(output) as image:
        return image.quantization


@pytest.mark.parametrize(
    ("name", "image_format", "size", "stored_size"),
    [
        ("wide.png", "PNG", (3000, 2000), (1600, 1067)),
        ("wide.jpg", "JPEG", (3000, 2000), (1600, 1067)),
        ("tall.jpg", "JPEG", (2000, 3000), (1067, 1600)),
        ("phone.webp", "WEBP", (4000, 3000), (1600, 1200)),
    ],
)
def test_a_photo_larger_than_1600_px_is_scaled_down_to_fit_1600_px_in_its_own_format(
    staff_client, media_root, name, image_format, size, stored_size
):
    response = upload(staff_client, name, photo_bytes(size, image_format))
    answer = response.json()
    assert answer["uploaded"] == 1
    assert (answer["width"], answer["height"]) == stored_size  # what CKEditor writes into the <img>
    with stored_image(media_root, response) as image:
        assert image.format == image_format and image.size == stored_size


def test_a_scaled_down_jpeg_is_saved_at_quality_85(staff_client, media_root):
    response = upload(staff_client, "wide.jpg", photo_bytes((3000, 2000), "JPEG"))
    with stored_image(media_root, response) as image:
        assert image.quantization == jpeg_quantization(85)


def test_a_sideways_phone_photo_is_turned_upright_before_it_is_scaled_down(staff_client, media_root):
    # Phones store portrait photos as landscape pixels with an EXIF "rotate 90°" tag (orientation 6).
    response = upload(staff_client, "portrait.jpg", photo_bytes((4000, 3000), "JPEG", orientation=6))
    with stored_image(media_root, response) as image:
        assert image.size == (1200, 1600)


def test_an_image_of_exactly_1600_px_is_kept_at_its_size(staff_client, media_root):
    response = upload(staff_client, "banner.png", png_bytes((1600, 400)))
    with stored_image(media_root, response) as image:
        assert image.size == (1600, 400)


# --- What is refused ---

OVERSIZED = png_bytes((8, 8)) + b"\x00" * (20 * 1024 * 1024 + 1)  # a real PNG followed by more than 20 MB
REFUSED = {
    "a text file": ("notes.txt", "บันทึกการประชุม".encode(), "ไฟล์นี้ไม่ใช่ภาพ"),
    "a PDF named .jpg": ("scan.jpg", b"%PDF-1.4\n%%EOF\n", "ไฟล์นี้ไม่ใช่ภาพ"),
    "an SVG with a script": ("logo.svg", SVG_WITH_SCRIPT, "ไฟล์นี้ไม่ใช่ภาพ"),
    "an SVG named .png": ("logo.png", SVG_WITH_SCRIPT, "ไฟล์นี้ไม่ใช่ภาพ"),
    "HTML named .png": (
        "photo.png",
        b"<html><body><script>alert(document.cookie)</script></body></html>",
        "ไฟล์นี้ไม่ใช่ภาพ",
    ),
    "HTML named .html": ("page.html", b"<script>alert(1)</script>", "ไฟล์นี้ไม่ใช่ภาพ"),
    "a truncated PNG": ("cut.png", png_bytes((400, 300))[:60], "ไฟล์นี้ไม่ใช่ภาพ"),
    "a BMP (not an allowed type)": ("old.bmp", None, "รองรับเฉพาะไฟล์ภาพ JPEG, PNG, GIF หรือ WebP"),
    "more than 20 MB": ("big.png", OVERSIZED, "ไฟล์ภาพใหญ่เกิน 20 MB"),
    "a decompression bomb of 100 megapixels": (
        "bomb.png",
        png_header_claiming(10_000, 10_000),
        "ภาพมีขนาดเกิน 40 ล้านพิกเซล",
    ),
    "a decompression bomb of 2.5 gigapixels": (
        "bomb.png",
        png_header_claiming(50_000, 50_000),
        "ภาพมีขนาดเกิน 40 ล้านพิกเซล",
    ),
}


def bmp_bytes():
    output = io.BytesIO()
    Image.new("RGB", (16, 16)).save(output, "BMP")
    return output.getvalue()


@pytest.mark.parametrize("case", REFUSED)
def test_anything_but_a_real_image_is_refused_in_thai_and_nothing_is_stored(staff_client, media_root, case):
    name, content, message = REFUSED[case]
    response = upload(staff_client, name, content if content is not None else bmp_bytes())
    assert response.status_code == 200  # CKEditor shows error.message only from a 2xx answer
    answer = response.json()
    assert answer["uploaded"] == 0 and "url" not in answer
    assert answer["error"]["message"].startswith(message)
    assert media_files(media_root) == []


@pytest.mark.parametrize("case", ["HTML named .png", "a decompression bomb of 100 megapixels"])
def test_a_refusal_in_the_form_post_answer_shows_the_thai_message(staff_client, media_root, case):
    name, content, message = REFUSED[case]
    response = upload(staff_client, name, content, url=UPLOAD_URL + "?CKEditorFuncNum=12")
    body = response.content.decode()
    assert body.startswith("<script>window.parent.CKEDITOR.tools.callFunction(12, '', '")
    assert message in body
    assert media_files(media_root) == []


def test_a_request_without_a_file_gets_a_thai_message(staff_client, media_root):
    answer = staff_client.post(UPLOAD_URL, {}).json()
    assert answer == {"uploaded": 0, "error": {"message": "ไม่พบไฟล์ที่อัปโหลด กรุณาเลือกไฟล์ภาพ JPEG, PNG, GIF หรือ WebP"}}


def test_a_callback_number_that_is_not_a_number_never_reaches_the_script(staff_client):
    response = upload(staff_client, "photo.png", png_bytes(), url=UPLOAD_URL + "?CKEditorFuncNum=1);alert(1);//")
    assert "alert" not in response.content.decode()
    assert response.json()["uploaded"] == 1
