"""Clerks keep the map in the admin: in Thai, with thumbnails and filters; bad coordinates and bad photos are
refused with a Thai message and nothing is saved (no row, no file under MEDIA_ROOT)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from places.models import MapSheet, Place
from tests.pages_tests.builders import SVG_WITH_SCRIPT, pdf_bytes, png_bytes, png_header_claiming
from tests.places_tests.builders import Kind, Status, clerk, map_sheet, place

pytestmark = pytest.mark.django_db

PLACE_ADD_URL = "/admin/places/place/add/"
SHEET_ADD_URL = "/admin/places/mapsheet/add/"


@pytest.fixture
def clerk_client():
    client = Client()
    client.force_login(clerk())
    return client


def stored_files(folder):
    root = Path(settings.MEDIA_ROOT) / folder
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def place_form(**fields):
    data = {
        "name": "วัดจูงนาง",
        "kind": Kind.TEMPLE,
        "village_number": "5",
        "status": Status.PUBLISHED,
        "order": "0",
        "description": "วัดริมแม่น้ำน่าน",
        "latitude": "16.895800",
        "longitude": "100.266300",
        "photo_alt": "",
        "_save": "บันทึก",
    }
    data.update(fields)
    return data


def errors_of(response):
    assert response.status_code == 200, "the form should come back with its errors, not redirect"
    return response.context["adminform"].form.errors


def test_a_clerk_adds_a_place_and_it_appears_on_the_map_page(clerk_client):
    response = clerk_client.post(PLACE_ADD_URL, place_form())
    assert response.status_code == 302
    saved = Place.objects.get()
    assert (saved.name, saved.village_number, str(saved.latitude), str(saved.longitude)) == (
        "วัดจูงนาง", 5, "16.895800", "100.266300",
    )  # fmt: skip
    assert saved.updated_by.username == "map-clerk"
    assert "วัดจูงนาง" in Client().get("/map/").content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"latitude": "100.266300", "longitude": "16.895800"}, "latitude", "ละติจูดต้องอยู่ระหว่าง -90 ถึง 90 องศา"),
        ({"latitude": "-90.5"}, "latitude", "ละติจูดต้องอยู่ระหว่าง -90 ถึง 90 องศา"),
        ({"longitude": "181"}, "longitude", "ลองจิจูดต้องอยู่ระหว่าง -180 ถึง 180 องศา"),
        ({"longitude": "12345.5"}, "longitude", "ลองจิจูดต้องอยู่ระหว่าง -180 ถึง 180 องศา"),
        ({"latitude": "16.8958001"}, "latitude", "กรุณากรอกทศนิยมไม่เกิน 6 ตำแหน่ง"),
        ({"latitude": "16,8958"}, "latitude", "กรุณากรอกพิกัดเป็นตัวเลขทศนิยม"),
        ({"longitude": ""}, "longitude", "ฟิลด์นี้จำเป็น"),
        ({"village_number": "0"}, "village_number", "หมู่ที่ต้องเป็นตัวเลขตั้งแต่ 1 ขึ้นไป"),
    ],
)
def test_bad_coordinates_get_a_thai_message_and_nothing_is_saved(clerk_client, fields, field, message):
    response = clerk_client.post(PLACE_ADD_URL, place_form(**fields))
    errors = errors_of(response)
    assert list(errors) == [field]
    assert errors[field][0].startswith(message)
    assert message in response.content.decode()
    assert Place.objects.count() == 0


def test_what_the_clerk_typed_stays_in_the_form_after_an_error(clerk_client):
    response = clerk_client.post(PLACE_ADD_URL, place_form(latitude="100.266300", description="คำอธิบายยาว ๆ ที่พิมพ์ไว้"))
    html = response.content.decode()
    assert "คำอธิบายยาว ๆ ที่พิมพ์ไว้" in html and 'value="100.266300"' in html


def test_a_photo_without_alt_text_is_refused_and_not_stored(clerk_client):
    before = stored_files("places")
    photo = SimpleUploadedFile("temple.png", png_bytes((200, 120)), content_type="image/png")
    response = clerk_client.post(PLACE_ADD_URL, place_form(photo=photo, photo_alt="  "))
    assert errors_of(response)["photo_alt"] == ["กรุณาใส่คำอธิบายภาพ สำหรับผู้พิการทางสายตา"]
    assert Place.objects.count() == 0
    assert stored_files("places") == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.pdf", pdf_bytes()),
        ("photo.jpg", b"not really a jpeg"),
        ("drawing.svg", SVG_WITH_SCRIPT),
        ("bomb.png", png_header_claiming(20_000, 20_000)),
    ],
)
def test_a_photo_that_is_not_a_usable_image_is_refused_with_a_thai_message(clerk_client, name, content):
    before = stored_files("places")
    upload = SimpleUploadedFile(name, content)
    response = clerk_client.post(PLACE_ADD_URL, place_form(photo=upload, photo_alt="ภาพวัด"))
    message = errors_of(response)["photo"][0]
    assert message.startswith(("ไฟล์นี้ไม่ใช่ภาพ", "ภาพมีขนาดเกิน 40 ล้านพิกเซล", "รองรับเฉพาะไฟล์ภาพ"))
    assert Place.objects.count() == 0
    assert stored_files("places") == before


def test_a_map_image_needs_alt_text_and_must_be_an_image(clerk_client):
    before = stored_files("maps")
    base = {"title": "แผนที่ตำบล", "status": Status.PUBLISHED, "order": "0", "caption": "", "_save": "บันทึก"}
    response = clerk_client.post(
        SHEET_ADD_URL, {**base, "alt": "", "image": SimpleUploadedFile("map.png", png_bytes((300, 200)))}
    )
    assert errors_of(response)["alt"] == ["ฟิลด์นี้จำเป็น"]
    response = clerk_client.post(
        SHEET_ADD_URL, {**base, "alt": "แผนที่ตำบล", "image": SimpleUploadedFile("map.pdf", pdf_bytes())}
    )
    assert errors_of(response)["image"][0].startswith("ไฟล์นี้ไม่ใช่ภาพ")
    assert MapSheet.objects.count() == 0
    assert stored_files("maps") == before

    response = clerk_client.post(
        SHEET_ADD_URL, {**base, "alt": "แผนที่ตำบล", "image": SimpleUploadedFile("map.png", png_bytes((300, 200)))}
    )
    assert response.status_code == 302
    sheet = MapSheet.objects.get()
    assert (sheet.image_width, sheet.image_height) == (300, 200)
    assert sheet.image.url in Client().get("/map/").content.decode()


def test_the_place_list_in_the_admin_has_thumbnails_thai_filters_and_search(clerk_client):
    place("วัดจูงนาง", Kind.TEMPLE, village=5, photo=True)
    place("บ้านปากโทก", Kind.VILLAGE, village=4)
    place("ร่างสถานที่", Kind.LANDMARK, status=Status.DRAFT)
    html = clerk_client.get("/admin/places/place/").content.decode()
    assert html.count('<img src="/media/places/') == 1
    for label in ("โดย ประเภท", "โดย หมู่ที่", "โดย สถานะ"):
        assert label in html
    temples = clerk_client.get("/admin/places/place/", {"kind": Kind.TEMPLE}).content.decode()
    assert "วัดจูงนาง" in temples and "บ้านปากโทก" not in temples
    village_four = clerk_client.get("/admin/places/place/", {"village_number": 4}).content.decode()
    assert "บ้านปากโทก" in village_four and "วัดจูงนาง" not in village_four
    found = clerk_client.get("/admin/places/place/", {"q": "ปากโทก"}).content.decode()
    assert "บ้านปากโทก" in found and "วัดจูงนาง" not in found


def test_the_change_form_is_in_thai_and_links_to_the_place_on_the_site(clerk_client):
    item = place("วัดจูงนาง", Kind.TEMPLE, village=5)
    html = clerk_client.get(f"/admin/places/place/{item.pk}/change/").content.decode()
    for label in ("ชื่อสถานที่", "ประเภท", "หมู่ที่", "ละติจูด", "ลองจิจูด", "คำอธิบายภาพถ่าย", "คลิกขวาที่ตำแหน่ง"):
        assert label in html
    view_on_site = re.search(r'href="(/admin/r/\d+/\d+/)"', html).group(1)
    assert clerk_client.get(view_on_site)["Location"].endswith(f"/map/#place-{item.pk}")
    sheet = map_sheet()
    sheet_html = clerk_client.get(f"/admin/places/mapsheet/{sheet.pk}/change/").content.decode()
    assert "คำอธิบายภาพ" in sheet_html and sheet.image.url in sheet_html


def test_the_models_refuse_the_same_mistakes_outside_the_admin():
    from django.core.exceptions import ValidationError

    bad = Place(name="ผิดพิกัด", kind=Kind.OTHER, latitude="95", longitude="100.2", status=Status.PUBLISHED)
    with pytest.raises(ValidationError) as refused:
        bad.full_clean()
    assert refused.value.message_dict["latitude"][0].startswith("ละติจูดต้องอยู่ระหว่าง -90 ถึง 90 องศา")
