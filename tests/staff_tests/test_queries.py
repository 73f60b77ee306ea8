"""Every public page of the organisation runs the same number of SQL queries with 10 and with 100 people."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from staff.models import Person
from tests.staff_tests.builders import person, position, small_organisation

pytestmark = pytest.mark.django_db

# The pinned counts: site profile + menu (2, from the shell) plus the page's own queries.
PAGES = {
    "/organisation/": 2 + 3,  # units, positions, their people
    "/organisation/executives/": 2 + 3,
    "/organisation/council/": 2 + 3,
    "/organisation/directory/": 2 + 2,  # units (filter and groups), people with position and unit
    "/organisation/directory/?unit=finance&q=ทดสอบ": 2 + 2,
    "/organisation/units/finance/": 2 + 5,  # unit, positions, their people, people without a position, sub-units
}


def grow_to(org, total):
    """People added to every kind of place until there are `total` in office."""
    extra_position = org.get("extra") or org.setdefault("extra", position(org["finance"], "เจ้าพนักงาน", seats=200))
    index = Person.objects.count()
    while Person.objects.filter(is_active=True).count() < total:
        index += 1
        target = [org["member_position"], org["accountant"], extra_position, org["works_head"]][index % 4]
        village = index % 8 + 1 if target == org["member_position"] else None
        person(target, f"คนที่{index}", village=village, phone="0 5500 0000", email=f"p{index}@example.org")
        if index % 5 == 0:  # a position-less clerk in the unit
            Person.objects.create(unit=org["finance"], first_name=f"ลูกจ้าง{index}", last_name="ทดสอบ")
    return org


def count_queries(url):
    client = Client()
    client.get(url)  # warm anything cached per process (content types, templates)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.mark.parametrize("url", PAGES)
def test_same_queries_with_10_and_with_100_people(url):
    org = small_organisation()
    grow_to(org, 10)
    small, small_response = count_queries(url)
    grow_to(org, 100)
    large, large_response = count_queries(url)
    assert small == large == PAGES[url], (small, large)
    # The larger organisation really is on the page.
    assert large_response.content.decode().count("person-card") >= small_response.content.decode().count("person-card")


def test_the_directory_shows_all_hundred_people():
    grow_to(small_organisation(), 100)
    _, response = count_queries("/organisation/directory/")
    assert response.context["result_count"] == Person.objects.filter(is_active=True).count() >= 100


def unit_admin_queries(client, unit):
    url = f"/admin/staff/unit/{unit.pk}/change/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_the_admin_page_of_a_unit_runs_the_same_queries_with_5_and_with_20_people(admin_client):
    """The people inline offers the unit's positions in each row: they are read once, not once per row."""
    org = small_organisation()
    finance, clerks = org["finance"], position(org["finance"], "เจ้าพนักงาน", seats=50)
    counts = []
    for total in (5, 20):
        while Person.objects.filter(unit=finance).count() < total:
            person(clerks, f"คนที่{Person.objects.count()}")
        count, response = unit_admin_queries(admin_client, finance)
        people_formset = response.context["inline_admin_formsets"][1].formset
        assert len(people_formset.forms) == total
        # The shared list still shows each person's own position as chosen.
        for form in people_formset.forms:
            assert f'value="{form.instance.position_id}" selected' in str(form["position"])
        counts.append(count)
    assert counts[0] == counts[1], counts
