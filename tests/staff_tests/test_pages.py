"""What residents see of the organisation: each person where she belongs, vacancies, people who left hidden."""

import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from staff.models import Person, Unit
from tests.staff_tests.builders import person, small_organisation

CHART = "/organisation/"
EXECUTIVES = "/organisation/executives/"
COUNCIL = "/organisation/council/"
DIRECTORY = "/organisation/directory/"
FINANCE = "/organisation/units/finance/"
WORKS = "/organisation/units/public-works/"
ALL_PAGES = [CHART, EXECUTIVES, COUNCIL, DIRECTORY, FINANCE, WORKS]


def text_of(response):
    """The visible text of <main>, tags stripped and spaces squeezed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def render_greeting():
    return Template("{% load staff_tags %}{% executive_greeting %}").render(Context({})).strip()


class TestEachPersonAppearsWhereSheBelongs(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = small_organisation()

    def pages(self):
        return {url: text_of(self.client.get(url)) for url in ALL_PAGES}

    def test_the_mayor_is_on_the_chart_the_executives_page_the_directory_and_the_home_greeting(self):
        pages = self.pages()
        name = "นายนายกทดลอง ทดสอบ"
        assert {url for url, text in pages.items() if name in text} == {CHART, EXECUTIVES, DIRECTORY}
        greeting = render_greeting()
        assert name in greeting and "นายก อบต." in greeting and "สวัสดีพี่น้องชาวตำบล" in greeting

    def test_a_council_member_is_listed_under_her_village_on_the_council_page_and_in_the_directory(self):
        pages = self.pages()
        name = "นายสมาชิกหมู่หนึ่ง ทดสอบ"
        assert {url for url, text in pages.items() if name in text} == {COUNCIL, DIRECTORY}
        assert "หมู่ที่ 1 นายสมาชิกหมู่หนึ่ง ทดสอบ สมาชิกสภา" in pages[COUNCIL]
        # The chart counts members without naming them all.
        assert "สมาชิกสภา 1 คน · ว่าง 15" in pages[CHART]

    def test_a_division_clerk_is_on_her_division_page_and_in_the_directory_only(self):
        pages = self.pages()
        name = "นางสาวบัญชีทดลอง ทดสอบ"
        assert {url for url, text in pages.items() if name in text} == {FINANCE, DIRECTORY}
        # The head of a division is named on the chart, too.
        assert {url for url, text in pages.items() if "นางหัวหน้าคลัง ทดสอบ" in text} == {CHART, FINANCE, DIRECTORY}

    def test_a_division_page_shows_its_duties_head_and_staff(self):
        Unit.objects.filter(pk=self.org["finance"].pk).update(duties="<p>งานการเงินและบัญชี</p>", phone="0 5500 0000")
        response = self.client.get(FINANCE)
        text = text_of(response)
        assert response.status_code == 200
        assert "หัวหน้าหน่วยงาน นางหัวหน้าคลัง ทดสอบ หัวหน้าส่วนการคลัง" in text
        assert "อำนาจหน้าที่ งานการเงินและบัญชี" in text
        assert "บุคลากร นางสาวบัญชีทดลอง ทดสอบ นักวิชาการเงินและบัญชี" in text
        assert "สังกัด ปลัด อบต." in text

    def test_directory_groups_people_by_unit_in_the_units_order(self):
        text = text_of(self.client.get(DIRECTORY))
        headings = ["คณะผู้บริหาร (2 คน)", "สภา อบต. (2 คน)", "ส่วนการคลัง (2 คน)", "ส่วนโยธา (1 คน)"]
        positions = [text.index(heading) for heading in headings]
        assert positions == sorted(positions)
        assert "ปลัด อบต. (" not in text  # a unit with nobody in it has no group

    def test_directory_filters_by_unit_and_searches_name_or_position(self):
        by_unit = self.client.get(DIRECTORY, {"unit": "finance"})
        assert [p.first_name for _, people in by_unit.context["groups"] for p in people] == ["หัวหน้าคลัง", "บัญชีทดลอง"]
        by_position = self.client.get(DIRECTORY, {"q": "วิชาการเงิน"})
        assert [p.first_name for _, people in by_position.context["groups"] for p in people] == ["บัญชีทดลอง"]
        by_name = self.client.get(DIRECTORY, {"q": "  ประธาน   ทดลอง "})
        assert [p.first_name for _, people in by_name.context["groups"] for p in people] == ["ประธานทดลอง"]
        assert "พบ 1 คน" in text_of(by_name)
        nothing = self.client.get(DIRECTORY, {"q": "ไม่มีใครชื่อนี้"})
        assert "ไม่พบบุคลากรที่ตรงกับคำค้น" in text_of(nothing)

    def test_a_bad_filter_gets_a_thai_message_not_an_error(self):
        response = self.client.get(DIRECTORY, {"unit": "no-such-unit", "q": "ก" * 300})
        assert response.status_code == 200
        text = text_of(response)
        assert "ไม่พบหน่วยงานที่เลือก กรุณาเลือกจากรายการ" in text
        assert "คำค้นยาวเกินไป" in text
        assert response.context["result_count"] == 7  # nothing is filtered by input that was refused

    def test_the_executives_page_shows_photo_position_phone_and_email(self):
        Person.objects.filter(pk=self.org["mayor"].pk).update(phone="08 1234 5678 ต่อ 2", email="mayor@example.org")
        html = self.client.get(EXECUTIVES).content.decode()
        assert 'href="tel:0812345678"' in html
        assert '<a href="mailto:mayor@example.org">mayor<wbr>@example.org</a>' in html
        assert "img/staff/person-placeholder.svg" in html  # no photo: the neutral placeholder
        assert html.index("นายก อบต.") < html.index("รองนายก อบต.")

    def test_the_executive_and_council_units_have_no_second_page(self):
        assert self.client.get("/organisation/units/executives/").url == EXECUTIVES
        assert self.client.get("/organisation/units/council/").url == COUNCIL
        assert self.client.get("/organisation/units/nothing-here/").status_code == 404

    def test_a_hidden_unit_and_its_people_are_gone_from_every_page(self):
        Unit.objects.filter(pk=self.org["works"].pk).update(is_active=False)
        assert self.client.get(WORKS).status_code == 404
        for url in [CHART, DIRECTORY, EXECUTIVES, COUNCIL]:
            assert "หัวหน้าช่าง" not in text_of(self.client.get(url)), url
            assert "ส่วนโยธา" not in text_of(self.client.get(url)), url


class TestVacantPositions(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = small_organisation()

    def test_a_seat_nobody_holds_shows_vacant_on_the_division_page_and_the_chart(self):
        works = text_of(self.client.get(WORKS))
        assert "ว่าง วิศวกรโยธา" in works
        assert "วิศวกรโยธา ว่าง" in text_of(self.client.get(CHART))

    def test_the_second_deputy_seat_shows_vacant_on_the_executives_page(self):
        text = text_of(self.client.get(EXECUTIVES))
        assert "นายรองหนึ่ง ทดสอบ รองนายก อบต." in text
        assert "ว่าง รองนายก อบต." in text
        assert text.count("ว่าง") == 1

    def test_a_filled_seat_is_no_longer_vacant(self):
        person(self.org["engineer"], "วิศวกรใหม่")
        works = text_of(self.client.get(WORKS))
        assert "ว่าง" not in works
        assert "นายวิศวกรใหม่ ทดสอบ วิศวกรโยธา" in works


class TestPeopleWhoLeftAreHiddenEverywhere(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = small_organisation()
        for key in ("mayor", "member", "accountant_person"):
            Person.objects.filter(pk=cls.org[key].pk).update(is_active=False)

    def test_no_page_shows_them(self):
        for url in ALL_PAGES:
            text = text_of(self.client.get(url))
            for name in ("นายกทดลอง", "สมาชิกหมู่หนึ่ง", "บัญชีทดลอง"):
                assert name not in text, (url, name)
        assert self.client.get(DIRECTORY, {"q": "บัญชีทดลอง"}).context["result_count"] == 0

    def test_their_seats_show_vacant(self):
        assert "ว่าง นายก อบต." in text_of(self.client.get(EXECUTIVES))
        assert "นายก อบต. ว่าง" in text_of(self.client.get(CHART))

    def test_the_home_greeting_is_empty_without_a_mayor_in_office(self):
        assert render_greeting() == ""

    def test_their_records_are_kept(self):
        assert Person.objects.filter(first_name="นายกทดลอง", is_active=False).exists()


class TestHomeGreeting(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = small_organisation()

    def test_it_shows_the_mayor_in_one_query_whatever_else_exists(self):
        for index in range(20):
            person(self.org["member_position"], f"สมาชิก{index}", village=index % 8 + 1)
        with CaptureQueriesContext(connection) as queries:
            html = render_greeting()
        assert len(queries) == 1
        assert "นายนายกทดลอง ทดสอบ" in html
        assert 'href="/organisation/executives/"' in html
        assert "css/staff.css" in html

    def test_nothing_at_all_when_there_is_no_mayor_position(self):
        Person.objects.filter(position__role="head", unit__kind="executive").update(
            position=self.org["deputy_position"]
        )
        assert render_greeting() == ""

    def test_the_head_of_a_division_is_not_taken_for_the_mayor(self):
        Person.objects.filter(pk=self.org["mayor"].pk).delete()
        assert render_greeting() == ""


def test_sitemap_lists_the_pages_and_the_divisions_but_not_hidden_units(client, db):
    org = small_organisation()
    Unit.objects.filter(pk=org["works"].pk).update(is_active=False)
    xml = client.get("/sitemap.xml").content.decode()
    for path in [CHART, EXECUTIVES, COUNCIL, DIRECTORY, FINANCE, "/organisation/units/permanent-secretary/"]:
        assert f"{path}</loc>" in xml, path
    assert WORKS not in xml
    assert "/organisation/units/executives/" not in xml


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("0 5500 0000 ต่อ 12", "tel:055000000"),
        ("08-1234-5678", "tel:0812345678"),
        ("+66 55 000 000", "tel:+6655000000"),
        ("055 000000 (ฝ่ายทะเบียน)", "tel:055000000"),
        ("ไม่มี", ""),
        ("", ""),
    ],
)
def test_phone_links_dial_the_first_number(phone, href):
    # One rule for the office's number and for every person's (core/phones.py).
    from core.phones import tel_href

    assert tel_href(phone) == href


def test_the_placeholder_photo_is_a_neutral_svg():
    from django.contrib.staticfiles import finders

    with open(finders.find("img/staff/person-placeholder.svg"), encoding="utf-8") as file:
        svg = file.read()
    assert svg.startswith("<svg") and "<script" not in svg


def test_reverse_names_are_the_menu_addresses():
    assert reverse("staff:chart") == CHART
    assert reverse("staff:unit_detail", kwargs={"slug": "finance"}) == FINANCE
