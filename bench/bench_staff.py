"""The organisation's pages with 1,000 people: queries per page and time per request (median of 5)."""

import statistics
import time

from django.test import Client

from bench.measure import queries_for
from staff.models import Person, Position, Unit

PAGES = [
    "/organisation/",
    "/organisation/executives/",
    "/organisation/council/",
    "/organisation/directory/",
    "/organisation/directory/?q=คน",
    "/organisation/units/bench-division-1/",
]


def build(people=1000, divisions=10):
    parent = Unit.objects.create(slug="bench-secretary", name="ปลัด", side=Unit.Side.PERMANENT, kind=Unit.Kind.OTHER)
    council = Unit.objects.create(slug="bench-council", name="สภา", side=Unit.Side.POLITICAL, kind=Unit.Kind.COUNCIL)
    Unit.objects.create(slug="bench-executives", name="ผู้บริหาร", side=Unit.Side.POLITICAL, kind=Unit.Kind.EXECUTIVE)
    member = Position.objects.create(unit=council, title="สมาชิกสภา", seats=100)
    units = [
        Unit.objects.create(slug=f"bench-division-{n}", name=f"กอง {n}", side=Unit.Side.PERMANENT, parent=parent)
        for n in range(1, divisions + 1)
    ]
    positions = [Position.objects.create(unit=unit, title=f"เจ้าหน้าที่ {unit.name}", seats=200) for unit in units]
    rows = [Person(unit=council, position=member, first_name=f"สมาชิก{n}", village=n % 8 + 1) for n in range(100)]
    rows += [
        Person(unit=positions[n % divisions].unit, position=positions[n % divisions], first_name=f"คน{n}")
        for n in range(people - 100)
    ]
    Person.objects.bulk_create(rows)


def run(report):
    build()
    client = Client()
    for url in PAGES:
        client.get(url)
        response, query_count = queries_for(lambda: client.get(url))  # noqa: B023  (called at once)
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        report(f"{url} queries (1,000 people)", query_count, "queries")
        report(f"{url} median", round(statistics.median(timings), 1), "ms")
