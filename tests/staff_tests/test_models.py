"""The rules a clerk meets when editing the organisation, checked on the models themselves."""

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase

from staff.models import Person, Position, Unit
from tests.staff_tests.builders import person, position, small_organisation, unit


def error_codes(obj):
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return {field: [error.code for error in errors] for field, errors in caught.value.error_dict.items()}


class TestOrganisationRules(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = small_organisation()

    def test_names_read_the_thai_way(self):
        assert Person(title="นาย", first_name="สมชาย", last_name="ใจดี").full_name == "นายสมชาย ใจดี"
        assert Person(title="ว่าที่ร้อยตรี", first_name="สมชาย", last_name="ใจดี").full_name == "ว่าที่ร้อยตรี สมชาย ใจดี"
        assert Person(first_name="สมชาย").full_name == "สมชาย"
        assert str(self.org["accountant"]) == "นักวิชาการเงินและบัญชี (ส่วนการคลัง)"

    def test_a_unit_cannot_sit_under_itself_or_under_the_other_side(self):
        finance = Unit.objects.get(pk=self.org["finance"].pk)
        self.org["secretary"].parent = finance
        assert error_codes(self.org["secretary"]) == {"parent": ["unit_cycle"]}
        finance.parent = self.org["executives"]
        assert error_codes(finance) == {"parent": ["unit_side_mismatch"]}

    def test_a_person_needs_a_unit_and_a_position_of_that_unit(self):
        assert error_codes(Person(first_name="ก"))["unit"] == ["unit_required"]
        stray = Person(first_name="ก", unit=self.org["finance"], position=self.org["engineer"])
        assert error_codes(stray) == {"position": ["position_unit_mismatch"]}
        derived = Person(first_name="ก", position=self.org["engineer"])
        derived.full_clean()
        assert derived.unit == self.org["works"]

    def test_village_is_for_council_members_and_required_of_them(self):
        member = Person(first_name="ก", unit=self.org["council"], position=self.org["member_position"])
        assert error_codes(member) == {"village": ["village_required"]}
        member.village = 0
        assert "village" in error_codes(member)
        member.village = 8
        member.full_clean()
        clerk = Person(first_name="ก", unit=self.org["works"], position=self.org["engineer"], village=2)
        assert error_codes(clerk) == {"village": ["village_not_council"]}
        speaker = Person(first_name="ก", unit=self.org["council"], position=self.org["speaker_position"])
        speaker.full_clean()  # the council's leaders need no village

    def test_term_must_end_after_it_starts(self):
        import datetime

        term = Person(
            first_name="ก",
            position=self.org["engineer"],
            term_start=datetime.date(2025, 1, 1),
            term_end=datetime.date(2024, 12, 31),
        )
        assert error_codes(term) == {"term_end": ["term_order"]}

    def test_vacancies_count_seats_nobody_active_holds(self):
        accountants = position(self.org["finance"], "เจ้าหน้าที่การเงิน", seats=3)
        person(accountants, "หนึ่ง")
        person(accountants, "สอง", is_active=False)
        from staff.views import positions_with_holders

        (loaded,) = positions_with_holders(lambda: Position.objects.filter(pk=accountants.pk), ("test", accountants.pk))
        assert [p.first_name for p in loaded.active_people] == ["หนึ่ง"]
        assert loaded.vacancies == 2 and loaded.seat_list[1:] == [None, None]

    def test_published_people_are_in_office_in_a_unit_that_is_shown(self):
        hidden = unit("hidden", "หน่วยที่ซ่อน", is_active=False)
        person(position(hidden, "เจ้าหน้าที่"), "ซ่อน")
        person(self.org["engineer"], "ลาออก", is_active=False)
        names = set(Person.objects.published().values_list("first_name", flat=True))
        assert "ซ่อน" not in names and "ลาออก" not in names and "บัญชีทดลอง" in names

    def test_addresses(self):
        assert self.org["finance"].get_absolute_url() == "/organisation/units/finance/"
        assert self.org["executives"].get_absolute_url() == "/organisation/executives/"
        assert self.org["council"].get_absolute_url() == "/organisation/council/"
        assert self.org["accountant_person"].get_absolute_url() == (
            f"/organisation/units/finance/#person-{self.org['accountant_person'].pk}"
        )
