"""Uploaded images keep their size in the database, and a file lost from storage costs one picture, not a page."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from pages.models import Announcement
from tests.pages_tests.builders import announcement, png_bytes
from tests.staff_tests.builders import small_organisation

pytestmark = pytest.mark.django_db


def jpeg_turned_on_its_side(size=(120, 80)):
    """A JPEG stored landscape whose EXIF says "rotate 90°": upright it is portrait."""
    output = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    Image.new("RGB", size, (200, 30, 30)).save(output, "JPEG", exif=exif)
    return output.getvalue()


def test_an_uploaded_cover_keeps_its_upright_width_and_height_in_the_row():
    item = announcement(title="ภาพแนวตั้ง")
    item.cover_image = SimpleUploadedFile("side.jpg", jpeg_turned_on_its_side(), "image/jpeg")  # as the admin form does
    item.cover_alt = "ภาพ"
    item.save()
    assert Announcement.objects.values_list("cover_width", "cover_height").get(pk=item.pk) == (80, 120)


def test_a_cover_saved_through_the_builder_keeps_its_size():
    item = announcement(title="ข่าวมีภาพ", cover=True)
    assert Announcement.objects.values_list("cover_width", "cover_height").get(pk=item.pk) == (320, 200)


def test_a_staff_photo_saved_before_its_row_keeps_its_size():
    org = small_organisation()
    mayor = org["mayor"]
    mayor.photo.save("mayor.png", ContentFile(png_bytes((60, 75))), save=False)
    mayor.photo_alt = "ภาพนายก"
    mayor.save()
    mayor.refresh_from_db()
    assert (mayor.photo_width, mayor.photo_height) == (60, 75)


def test_pages_still_answer_when_an_image_file_has_vanished_from_storage():
    item = announcement(title="ข่าวที่ภาพหาย", cover=True)
    org = small_organisation()
    org["mayor"].photo.save("mayor.png", ContentFile(png_bytes((60, 75))), save=False)
    org["mayor"].photo_alt = "ภาพนายก"
    org["mayor"].save()
    default_storage.delete(item.cover_image.name)
    default_storage.delete(org["mayor"].photo.name)

    for url in (item.get_absolute_url(), "/news/activities/", "/", "/organisation/executives/", "/organisation/"):
        response = Client().get(url)
        assert response.status_code == 200, url
    assert "ข่าวที่ภาพหาย" in Client().get(item.get_absolute_url()).content.decode()
