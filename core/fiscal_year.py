"""The Thai government fiscal year (ปีงบประมาณ): 1 October – 30 September, named by the Buddhist-era
year in which it ends. ปีงบประมาณ 2569 = 1 ตุลาคม 2568 – 30 กันยายน 2569 (1 Oct 2025 – 30 Sep 2026)."""

import datetime

BUDDHIST_ERA_OFFSET = 543
FIRST_MONTH = 10  # October


def fiscal_year_of(day: datetime.date) -> int:
    """The fiscal year (Buddhist era) that a date falls in: 1 Oct 2025 → 2569, 30 Sep 2025 → 2568."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    ce_year = day.year + 1 if day.month >= FIRST_MONTH else day.year
    return ce_year + BUDDHIST_ERA_OFFSET


def fiscal_year_bounds(be_year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a fiscal year (both included): 2569 → (1 Oct 2025, 30 Sep 2026)."""
    ce_year = be_year - BUDDHIST_ERA_OFFSET
    return datetime.date(ce_year - 1, FIRST_MONTH, 1), datetime.date(ce_year, FIRST_MONTH - 1, 30)


def fiscal_year_months(be_year: int) -> list[tuple[int, int]]:
    """The (Gregorian year, month) pairs of a fiscal year, October first."""
    start, _ = fiscal_year_bounds(be_year)
    return [(start.year + (start.month + i - 1) // 12, (start.month + i - 1) % 12 + 1) for i in range(12)]
