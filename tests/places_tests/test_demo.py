"""The sample map: the seed's landmarks, villages, schools and the office around ตำบลจอมทอง, marked as samples,
and a tambon map drawn by the project; loading it twice changes nothing."""

import io

import pytest
from PIL import Image

from places import demo
from places.models import MapSheet, Place

pytestmark = pytest.mark.django_db


def test_the_demo_map_holds_the_seed_landmarks_and_villages_marked_as_samples():
    demo.load(io.StringIO())
    places = list(Place.objects.published())
    names = {place.name for place in places}
    assert {"พระปรางค์วัดจุฬามณี", "พระพุทธรูปหลวงพ่อขาว วัดจุฬามณี", "วังปลาหน้าวัดจูงนาง"} <= names
    assert "ที่ทำการองค์การบริหารส่วนตำบลจอมทอง" in names
    kinds = {place.kind for place in places}
    assert {Place.Kind.VILLAGE, Place.Kind.TEMPLE, Place.Kind.SCHOOL, Place.Kind.GOVERNMENT} <= kinds
    assert sorted(p.village_number for p in places if p.kind == Place.Kind.VILLAGE) == list(range(1, 9))
    assert 10 <= len(places) <= 15
    for place in places:
        assert "ข้อมูลตัวอย่าง" in place.description
        assert 16.87 <= float(place.latitude) <= 16.95 and 100.22 <= float(place.longitude) <= 100.30
        place.full_clean()
        if place.photo:
            assert place.photo_alt


def test_the_demo_map_image_is_drawn_by_the_project_and_says_it_is_a_sample():
    demo.load(io.StringIO())
    sheet = MapSheet.objects.published().get()
    assert "ตัวอย่าง" in sheet.title and "ตัวอย่าง" in sheet.caption and sheet.alt
    with sheet.image.open("rb"), Image.open(sheet.image) as image:
        assert image.size == (demo.MAP_WIDTH, demo.MAP_HEIGHT)
    assert (sheet.image_width, sheet.image_height) == (demo.MAP_WIDTH, demo.MAP_HEIGHT)


def test_loading_the_demo_twice_changes_nothing_and_keeps_a_clerks_edits():
    demo.load(io.StringIO())
    Place.objects.filter(name="วัดจูงนาง").update(description="แก้ไขโดยเจ้าหน้าที่")
    before = (list(Place.objects.values()), list(MapSheet.objects.values()))
    demo.load(io.StringIO())
    assert (list(Place.objects.values()), list(MapSheet.objects.values())) == before
    assert Place.objects.get(name="วัดจูงนาง").description == "แก้ไขโดยเจ้าหน้าที่"
