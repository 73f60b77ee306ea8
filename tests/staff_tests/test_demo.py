"""The sample organisation that `load_demo` builds: complete, plausible, obviously fictional, loaded once."""

import pytest
from django.test import Client

from staff import demo
from staff.models import Person, Position, Unit

pytestmark = pytest.mark.django_db

MENU_PAGES = {
    "/organisation/": ["ฝ่ายการเมือง", "ฝ่ายประจำ", "ปลัดองค์การบริหารส่วนตำบล"],
    "/organisation/executives/": ["นายกองค์การบริหารส่วนตำบล", "รองนายกองค์การบริหารส่วนตำบล", "เลขานุการนายก"],
    "/organisation/council/": ["ประธานสภา", "รองประธานสภา", "เลขานุการสภา", "หมู่ที่ 8"],
    "/organisation/directory/": ["บุคลากรทั้งหมด 41 คน"],
    "/organisation/units/office-of-the-permanent-secretary/": ["สำนักปลัด", "หัวหน้าสำนักปลัด", "อำนาจหน้าที่"],
    "/organisation/units/finance/": ["ส่วนการคลัง", "หัวหน้าส่วนการคลัง", "งานพัสดุ"],
    "/organisation/units/public-works/": ["ส่วนโยธา", "หัวหน้าส่วนโยธา", "วิศวกรโยธา", "ว่าง"],
    "/organisation/units/education/": ["ส่วนการศึกษา", "หัวหน้าส่วนการศึกษา", "ครูผู้ดูแลเด็ก"],
}


@pytest.fixture
def demo_content(demo_content_per_module, db):
    """The samples, loaded once for this module: its tests read them, or change them and are rolled back."""


@pytest.mark.parametrize("url", MENU_PAGES)
def test_every_menu_address_answers_with_real_content(demo_content, url):
    response = Client().get(url)
    html = response.content.decode()
    assert response.status_code == 200
    for words in MENU_PAGES[url]:
        assert words in html, words
    assert "อยู่ระหว่างการจัดเตรียม" not in html


def test_a_full_sao_with_two_members_for_each_of_eight_villages(demo_content):
    assert set(Unit.objects.values_list("slug", flat=True)) >= {
        "executives", "council", "permanent-secretary", "office-of-the-permanent-secretary",
        "finance", "public-works", "education",
    }  # fmt: skip
    members = Person.objects.filter(position__title__startswith="สมาชิกสภา")
    assert sorted(members.values_list("village", flat=True)) == [v for v in range(1, 9) for _ in (1, 2)]
    assert Person.objects.filter(position__title__startswith="รองนายก").count() == 2
    for slug in ("office-of-the-permanent-secretary", "finance", "public-works", "education"):
        unit = Unit.objects.get(slug=slug)
        assert unit.parent.slug == "permanent-secretary" and unit.duties.startswith("<p>")
        assert Position.objects.get(unit=unit, role="head").people.count() == 1
        assert Person.objects.filter(unit=unit).count() >= 3


def test_every_person_is_clearly_fictional_with_a_drawn_portrait_and_its_alt_text(demo_content):
    for person in Person.objects.all():
        assert person.last_name.endswith("(ชื่อสมมติ)")
        assert person.photo and person.photo_width == 480 and person.photo_height == 600
        assert person.photo_alt.startswith("ภาพตัวอย่าง ไม่ใช่ภาพบุคคลจริง")
        assert not person.email or person.email.endswith("@example.org")
    mayor = Person.objects.get(position__title="นายกองค์การบริหารส่วนตำบล")
    assert mayor.greeting.startswith("ข้อความตัวอย่าง")


def test_portraits_differ_from_person_to_person():
    assert demo.portrait_bytes(1) != demo.portrait_bytes(2)


def test_a_second_run_creates_and_changes_nothing(demo_content):
    def snapshot():
        return (
            list(Unit.objects.values_list("pk", "updated_at")),
            list(Position.objects.values_list("pk", "updated_at")),
            list(Person.objects.values_list("pk", "updated_at", "photo")),
        )

    before = snapshot()
    demo.load()
    assert snapshot() == before
