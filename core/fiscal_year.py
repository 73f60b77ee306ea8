"""The Thai government's fiscal year (ปีงบประมาณ): 1 October – 30 September, named in the Buddhist era by
the year in which it ends. 1 ตุลาคม 2568 (1 October 2025) starts ปีงบประมาณ 2569.

Dates here are Python dates, which are always Gregorian; a Buddhist-era date typed by a clerk is
converted by core.buddhist_dates before it reaches these functions.
"""

import datetime

BE_OFFSET = 543
FIRST_MONTH = 10  # October


def fiscal_year_of(date: datetime.date) -> int:
    """The Buddhist-era fiscal year a date falls in: 30 Sep 2025 → 2568, 1 Oct 2025 → 2569."""
    if isinstance(date, datetime.datetime):
        date = date.date()
    year = date.year + 1 if date.month >= FIRST_MONTH else date.year
    return year + BE_OFFSET


def fiscal_year_bounds(be_year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a Buddhist-era fiscal year: 2569 → (1 Oct 2025, 30 Sep 2026)."""
    gregorian_end = be_year - BE_OFFSET
    return datetime.date(gregorian_end - 1, FIRST_MONTH, 1), datetime.date(gregorian_end, 9, 30)


def fiscal_year_months(be_year: int) -> list[tuple[int, int]]:
    """The (Gregorian year, month) pairs of a fiscal year, October first."""
    start, _ = fiscal_year_bounds(be_year)
    return [(start.year + (start.month + i - 1) // 12, (start.month + i - 1) % 12 + 1) for i in range(12)]


def current_fiscal_year() -> int:
    from django.utils import timezone

    return fiscal_year_of(timezone.localdate())
