"""Uploaded files keep their Thai names (issue 15): "ok-รูปกิจกรรม วันเด็ก.jpg" is stored as
"ok-รูปกิจกรรม-วันเด็ก.jpg", not "ok.jpg", with safe characters only, no path parts, short enough for the
column and the disk, and unique. An announcement's attachment is downloaded under its Thai name (RFC 6266),
with the content type of its checked kind, and only by those who may see the announcement."""

import io
import posixpath
from urllib.parse import quote, unquote

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from core.file_names import safe_file_name
from pages.models import Announcement, Attachment, GalleryImage
from tests.pages_tests.builders import Status, announcement, attachment, clerk, office_zip, pdf_bytes
from tests.staff_tests.builders import small_organisation

pytestmark = pytest.mark.django_db

THAI_NAME = "ok-รูปกิจกรรม วันเด็ก"
STORED_STEM = "ok-รูปกิจกรรม-วันเด็ก"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def jpeg_bytes():
    output = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 120, 200)).save(output, "JPEG")
    return output.getvalue()


# --- Where a file is stored: each returns the stored name ---


def as_an_announcement_cover(name):
    item = announcement(title="วันเด็ก")
    item.cover_image = SimpleUploadedFile(name, jpeg_bytes(), "image/jpeg")
    item.cover_alt = "เด็ก ๆ ร่วมกิจกรรม"
    item.save()
    return Announcement.objects.get(pk=item.pk).cover_image.name


def as_a_gallery_picture(name):
    image = GalleryImage.objects.create(
        announcement=announcement(), image=SimpleUploadedFile(name, jpeg_bytes()), alt="ภาพ"
    )
    return GalleryImage.objects.get(pk=image.pk).image.name


def as_a_staff_photo(name):
    mayor = small_organisation()["mayor"]
    mayor.photo = SimpleUploadedFile(name, jpeg_bytes())
    mayor.photo_alt = "ภาพนายก"
    mayor.save()
    mayor.refresh_from_db()
    return mayor.photo.name


def as_a_picture_in_a_page_body(name):
    client = Client()
    client.force_login(clerk("body-clerk", models=("page",)))
    answer = client.post("/ckeditor/upload/", {"upload": SimpleUploadedFile(name, jpeg_bytes())}).json()
    assert answer["uploaded"] == 1, answer
    return unquote(answer["url"]).removeprefix("/media/")


def as_an_announcement_attachment(name):
    stored = attachment(announcement(), name=name.replace(".jpg", ".pdf"), title="")
    return Attachment.objects.get(pk=stored.pk).file.name


@pytest.mark.parametrize(
    "store",
    [
        as_an_announcement_cover,
        as_a_gallery_picture,
        as_a_staff_photo,
        as_a_picture_in_a_page_body,
        as_an_announcement_attachment,
    ],
)
def test_a_thai_file_name_keeps_its_thai_letters_and_marks(store):
    stored = store(f"{THAI_NAME}.jpg")
    assert posixpath.splitext(posixpath.basename(stored))[0] == STORED_STEM
    assert default_storage.exists(stored)


@pytest.mark.parametrize(
    ("uploaded", "stored"),
    [
        ("ok-รูปกิจกรรม วันเด็ก.jpg", "ok-รูปกิจกรรม-วันเด็ก.jpg"),
        ("มติสภา สมัยที่ ๒ (ครั้งที่ 1) 2569.PDF", "มติสภา-สมัยที่-๒-ครั้งที่-1-2569.pdf"),
        ("กรุงเทพฯ และ ๆ  ช่องว่าง\tหลายตัว.docx", "กรุงเทพฯ-และ-ๆ-ช่องว่าง-หลายตัว.docx"),
        ("../../etc/passwd.jpg", "passwd.jpg"),
        ("C:\\Users\\เจ้าหน้าที่\\Desktop\\ภาพถ่าย.jpg", "ภาพถ่าย.jpg"),
        ("photo.jpg.html", "photo-jpg.html"),
        ('a"b;c|d$e`f<g>h&i%j.png', "abcdefghij.png"),
        (".htaccess", "htaccess"),
        ("   .jpg", "file.jpg"),
        ("ราคา ฿100.pdf", "ราคา-100.pdf"),
    ],
)
def test_a_stored_name_keeps_only_safe_characters_and_no_path(uploaded, stored):
    assert safe_file_name(uploaded) == stored


def test_a_long_thai_name_fits_the_column_and_the_disk_and_stays_unique():
    name = "รายงานผลการดำเนินงานประจำปีงบประมาณ" * 10 + ".jpg"  # 350 Thai characters, over 1,000 bytes
    first, second = as_an_announcement_cover(name), as_an_announcement_cover(name)
    max_length = Announcement._meta.get_field("cover_image").max_length
    for stored in (first, second):
        assert len(stored) <= max_length
        assert len(posixpath.basename(stored).encode()) <= 255  # what ext4 allows for one name
        assert posixpath.basename(stored).startswith("รายงานผลการดำเนินงาน") and stored.endswith(".jpg")
        assert default_storage.exists(stored)
    assert first != second


def test_the_same_thai_name_twice_gives_two_files():
    first, second = as_a_gallery_picture(f"{THAI_NAME}.jpg"), as_a_gallery_picture(f"{THAI_NAME}.jpg")
    assert first != second
    assert all(posixpath.basename(name).startswith(STORED_STEM) for name in (first, second))


# --- Downloading an attachment ---

PDF_NAME = "มติสภา ครั้งที่ 1.pdf"


def download(client, stored):
    return client.get(f"/news/attachment/{stored.pk}/")


def content_of(response):
    return b"".join(response.streaming_content)


def test_an_attachment_is_downloaded_under_its_thai_name_with_its_checked_kind():
    stored = attachment(announcement(), name=PDF_NAME, title="")
    response = download(Client(), stored)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"attachment-{stored.pk}.pdf\"; filename*=UTF-8''{quote(PDF_NAME, safe='')}"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert content_of(response) == pdf_bytes()


@pytest.mark.parametrize(
    ("name", "title", "content", "download_name", "ascii_name", "content_type"),
    [
        ("scan.pdf", "รายงานผลการประชุม", pdf_bytes(), "รายงานผลการประชุม.pdf", "attachment-{pk}.pdf", "application/pdf"),
        ("form.docx", "Form 1/2569", office_zip("word/"), "Form 1-2569.docx", "Form-1-2569.docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("ผลคะแนน.xlsx", "", office_zip("xl/"), "ผลคะแนน.xlsx", "attachment-{pk}.xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)  # fmt: skip
def test_the_download_name_is_the_title_people_saw_with_the_files_extension(
    name, title, content, download_name, ascii_name, content_type
):
    stored = attachment(announcement(), name=name, content=content, title=title)
    response = download(Client(), stored)
    ascii_name = ascii_name.format(pk=stored.pk)
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(download_name, safe='')}"
    )
    assert response["Content-Type"] == content_type


def test_the_announcement_links_to_the_download_not_to_the_media_folder():
    item = announcement()
    stored = attachment(item, name=PDF_NAME, title="")
    page = Client().get(item.get_absolute_url()).content.decode()
    assert f'href="/news/attachment/{stored.pk}/"' in page
    assert stored.file.url not in page


@pytest.mark.parametrize(
    "hidden",
    [{"status": Status.DRAFT}, {"status": Status.PUBLISHED, "days_ago": -3}],
    ids=["a draft", "scheduled for later"],
)
def test_the_attachment_of_an_announcement_the_public_cannot_see_is_not_found(hidden):
    stored = attachment(announcement(**hidden), name=PDF_NAME, title="")
    assert download(Client(), stored).status_code == 404

    preview = Client()
    preview.force_login(clerk())
    response = download(preview, stored)
    assert response.status_code == 200 and content_of(response) == pdf_bytes()
    assert "private" in response["Cache-Control"]


def test_an_attachment_whose_file_is_gone_is_not_found():
    stored = attachment(announcement(), name=PDF_NAME, title="")
    default_storage.delete(stored.file.name)
    assert download(Client(), stored).status_code == 404
