"""Clerks type dates as they write them, in the Buddhist era, and see them so in the admin."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from core.buddhist_dates import format_thai_date, parse_thai_date
from pages.models import Announcement
from staff.models import Person
from tests.pages_tests.builders import category
from tests.pages_tests.test_admin import clerk_client, form_data  # noqa: F401  (fixture)
from tests.staff_tests.builders import small_organisation

BANGKOK = ZoneInfo("Asia/Bangkok")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("27/11/2569", datetime.date(2026, 11, 27)),
        ("27/11/2026", datetime.date(2026, 11, 27)),
        ("1/1/2570", datetime.date(2027, 1, 1)),
        ("2569-11-27", datetime.date(2026, 11, 27)),
        ("2026-11-27", datetime.date(2026, 11, 27)),
        ("๒๗/๑๑/๒๕๖๙", datetime.date(2026, 11, 27)),
        ("29/02/2567", datetime.date(2024, 2, 29)),  # a leap day: 2567 BE is 2024 AD
        (" 05.06.2552 ", datetime.date(2009, 6, 5)),
    ],
)
def test_either_era_is_read_and_a_year_above_2400_is_buddhist(typed, meant):
    assert parse_thai_date(typed) == meant


@pytest.mark.parametrize("typed", ["31/02/2569", "27/13/2569", "พรุ่งนี้", "27-11", "2569", "<script>"])
def test_impossible_dates_get_a_thai_message(typed):
    with pytest.raises(ValidationError) as refused:
        parse_thai_date(typed)
    assert refused.value.messages == ["กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 27/11/2569"]


def test_dates_are_shown_in_the_buddhist_era():
    assert format_thai_date(datetime.date(2026, 11, 27)) == "27/11/2569"


@pytest.mark.django_db
def test_a_clerk_schedules_an_announcement_with_a_buddhist_year_and_sees_it_back(clerk_client):  # noqa: F811
    response = clerk_client.post(
        "/admin/pages/announcement/add/", form_data(category(), publish_at_0="15/01/2570", publish_at_1="09:30")
    )
    assert response.status_code == 302
    item = Announcement.objects.get()
    assert item.publish_at.astimezone(BANGKOK).date() == datetime.date(2027, 1, 15)
    change_form = clerk_client.get(f"/admin/pages/announcement/{item.pk}/change/").content.decode()
    assert 'value="15/01/2570"' in change_form and 'value="09:30"' in change_form
    listing = clerk_client.get("/admin/pages/announcement/").content.decode()
    assert "15 ม.ค. 2570 เวลา 09:30 น." in listing


@pytest.mark.django_db
def test_a_mistyped_date_is_refused_in_thai_and_nothing_is_saved(clerk_client):  # noqa: F811
    response = clerk_client.post(
        "/admin/pages/announcement/add/", form_data(category(), publish_at_0="31/02/2569", publish_at_1="9:00")
    )
    assert response.status_code == 200
    assert "กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ." in response.content.decode()
    assert Announcement.objects.count() == 0


@pytest.mark.django_db
def test_a_term_of_office_is_typed_and_shown_in_the_buddhist_era(admin_client):
    org = small_organisation()
    mayor = org["mayor"]
    url = f"/admin/staff/person/{mayor.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if name not in ("photo",)}
    data.update(term_start="01/10/2568", term_end="30/09/2572", greeting=mayor.greeting)
    data = {key: ("" if value is None else value) for key, value in data.items()}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    mayor.refresh_from_db()
    assert (mayor.term_start, mayor.term_end) == (datetime.date(2025, 10, 1), datetime.date(2029, 9, 30))
    assert 'value="01/10/2568"' in admin_client.get(url).content.decode()
    assert Person.objects.count() >= 1
