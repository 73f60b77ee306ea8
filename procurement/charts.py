"""The budget ordinances' chart: one horizontal bar per fiscal year, laid out here and drawn as inline SVG by
templates/procurement/includes/budget_chart.html (presentation attributes only, so the strict CSP holds)."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 360
LABEL_WIDTH = 70
VALUE_SPACE = 110
BAR_HEIGHT = 22
BAR_GAP = 10
TOP = 8


@dataclass
class Bar:
    year: int
    y: float
    width: float
    label: str
    text_x: float
    text_y: float


@dataclass
class Chart:
    width: int
    height: float
    bars: list
    bar_height: int
    label_width: int


def baht_millions(amount: Decimal) -> str:
    return f"{amount / Decimal(1_000_000):,.2f} ล้านบาท"


def ordinance_chart(ordinances) -> Chart:
    """Bars for the ordinances' totals, oldest year first."""
    ordinances = sorted(ordinances, key=lambda ordinance: ordinance.fiscal_year)
    largest = max((ordinance.total for ordinance in ordinances), default=Decimal("0"))
    scale = (WIDTH - LABEL_WIDTH - VALUE_SPACE) / float(largest) if largest else 0
    bars, y = [], TOP
    for ordinance in ordinances:
        width = round(float(ordinance.total) * scale, 1)
        bars.append(
            Bar(
                year=ordinance.fiscal_year,
                y=y,
                width=max(width, 1),
                label=baht_millions(ordinance.total),
                text_x=LABEL_WIDTH + width + 4,
                text_y=y + BAR_HEIGHT - 6,
            )
        )
        y += BAR_HEIGHT + BAR_GAP
    return Chart(width=WIDTH, height=y + TOP, bars=bars, bar_height=BAR_HEIGHT, label_width=LABEL_WIDTH)
