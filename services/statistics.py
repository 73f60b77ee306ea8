"""Statistics computed from the request rows, per Thai fiscal year: received, finished, in progress,
refused and the median days to finish, per month, per kind and per unit.

Every request received in the year is counted once, under the month it was received, by where it
stands now: received = finished + in progress + refused. One query whatever the number of requests.
"""

import datetime
import statistics as pystats
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils import timezone

from core.fiscal_year import fiscal_year_bounds, fiscal_year_months, fiscal_year_of
from services.models import Category, ServiceRequest, Status

THAI_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")


@dataclass(frozen=True)
class Scope:
    slug: str
    title: str
    ita_code: str
    categories: tuple
    none_text: str


SCOPES = {
    scope.slug: scope
    for scope in (
        Scope("services", "สถิติการให้บริการ", "O11", (Category.SERVICE, Category.COMPLAINT, Category.QUESTION),
              "ไม่มีเรื่องขอรับบริการในปีงบประมาณนี้"),
        Scope("complaints", "สถิติเรื่องร้องเรียน/ร้องทุกข์", "", (Category.COMPLAINT,),
              "ไม่มีเรื่องร้องเรียนในปีงบประมาณนี้"),
        Scope("corruption", "สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "O19", (Category.CORRUPTION,),
              "ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบในปีงบประมาณนี้"),
    )
}  # fmt: skip


@dataclass
class Bucket:
    label: str
    key: object = None
    received: int = 0
    finished: int = 0
    in_progress: int = 0
    refused: int = 0
    days: list = field(default_factory=list)

    def add(self, status, days):
        self.received += 1
        if status == Status.DONE:
            self.finished += 1
            if days is not None:
                self.days.append(days)
        elif status == Status.REFUSED:
            self.refused += 1
        else:
            self.in_progress += 1

    @property
    def median_days(self):
        return round(pystats.median(self.days), 1) if self.days else None


@dataclass
class YearStatistics:
    scope: Scope
    year: int
    months: list
    kinds: list
    units: list
    total: Bucket

    @property
    def is_empty(self):
        return self.total.received == 0

    @property
    def chart_max(self):
        return max([bucket.received for bucket in self.months] + [1])


def local_bounds(be_year):
    """The fiscal year as aware datetimes in the site's time zone: [first midnight, next year's first)."""
    start, end = fiscal_year_bounds(be_year)
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone),
    )


def year_rows(scope, be_year):
    low, high = local_bounds(be_year)
    return ServiceRequest.all_requests.filter(
        kind__category__in=scope.categories, created_at__gte=low, created_at__lt=high
    ).values_list("created_at", "finished_at", "status", "kind_id", "kind__name", "unit_id", "unit__name")


def compute(scope, be_year) -> YearStatistics:
    months = {
        (year, month): Bucket(label=f"{THAI_MONTHS[month - 1]} {str(year + 543)[-2:]}", key=(year, month))
        for year, month in fiscal_year_months(be_year)
    }
    kinds, units, total = {}, {}, Bucket(label="รวม")
    for created, finished, status, kind_id, kind_name, unit_id, unit_name in year_rows(scope, be_year):
        local = timezone.localtime(created)
        days = (finished - created) / datetime.timedelta(days=1) if finished else None
        months[(local.year, local.month)].add(status, days)
        kinds.setdefault(kind_id, Bucket(label=kind_name, key=kind_id)).add(status, days)
        units.setdefault(unit_id, Bucket(label=unit_name or "ไม่ระบุหน่วยงาน", key=unit_id)).add(status, days)
        total.add(status, days)
    return YearStatistics(
        scope=scope,
        year=be_year,
        months=list(months.values()),
        kinds=sorted(kinds.values(), key=lambda b: b.label),
        units=sorted(units.values(), key=lambda b: b.label),
        total=total,
    )


def available_years():
    """From the first request's fiscal year (or this one) to this one, newest first."""
    current = fiscal_year_of(timezone.localdate())
    first = ServiceRequest.all_requests.aggregate(first=Min("created_at"))["first"]
    first_year = fiscal_year_of(timezone.localtime(first).date()) if first else current
    return list(range(current, min(first_year, current) - 1, -1))
