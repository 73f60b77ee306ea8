"""The Thai fiscal year (1 October – 30 September, named by the Buddhist-era year in which it ends), at its
boundary, whichever era the clerk types the date in."""

import datetime

import pytest
from django.utils import timezone

from core.buddhist_dates import parse_thai_date
from core.fiscal_year import fiscal_year_bounds, fiscal_year_of
from tests.documents_tests.builders import document


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2025, 9, 30), 2568),
        (datetime.date(2025, 10, 1), 2569),
        (datetime.date(2025, 12, 31), 2569),
        (datetime.date(2026, 1, 1), 2569),
        (datetime.date(2026, 9, 30), 2569),
        (datetime.date(2026, 10, 1), 2570),
    ],
)
def test_the_fiscal_year_turns_on_the_first_of_october(day, expected):
    assert fiscal_year_of(day) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("30/09/2568", 2568),  # Buddhist era, as clerks type it
        ("01/10/2568", 2569),
        ("30/09/2025", 2568),  # the same days typed in the Gregorian era
        ("1/10/2025", 2569),
        ("๓๐/๐๙/๒๕๖๙", 2569),  # Thai digits
        ("๑/๑๐/๒๕๖๙", 2570),
    ],
)
def test_a_date_typed_in_either_era_lands_in_the_same_fiscal_year(typed, expected):
    assert fiscal_year_of(parse_thai_date(typed)) == expected


def test_a_datetime_counts_by_its_date():
    assert fiscal_year_of(timezone.make_aware(datetime.datetime(2025, 10, 1, 0, 30))) == 2569


def test_the_bounds_of_a_fiscal_year():
    assert fiscal_year_bounds(2569) == (datetime.date(2025, 10, 1), datetime.date(2026, 9, 30))


@pytest.mark.parametrize("year", range(2560, 2580))
def test_every_day_of_the_bounds_belongs_to_that_year(year):
    first, last = fiscal_year_bounds(year)
    assert fiscal_year_of(first) == fiscal_year_of(last) == year
    assert fiscal_year_of(first - datetime.timedelta(days=1)) == year - 1
    assert fiscal_year_of(last + datetime.timedelta(days=1)) == year + 1


@pytest.mark.django_db
class TestDocumentFiscalYear:
    def test_worked_out_from_the_issue_date(self):
        assert document(day=datetime.date(2025, 9, 30)).fiscal_year == 2568
        assert document(day=datetime.date(2025, 10, 1)).fiscal_year == 2569

    def test_a_clerk_may_set_another_year(self):
        item = document(day=datetime.date(2025, 8, 20), fiscal_year=2569)  # next year's plan, announced early
        item.refresh_from_db()
        assert item.fiscal_year == 2569
