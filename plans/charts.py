"""The budget chart, laid out on the server: horizontal bars per strategy and fiscal year, drawn as inline SVG.

Only geometry and labels are computed here; templates/plans/includes/budget_chart.html draws them with
presentation attributes (fill=...), never style="", so the strict CSP holds and no JavaScript is needed.
"""

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from plans.templatetags.plan_tags import baht_short

WIDTH = 340
# The legend wraps: four "■ ปี 2566" items fit on a row of a 340-wide chart, so a 5-year plan takes two rows
# and a 10-year plan three, and the bars start below the last row.
LEGEND_LEFT = 4
LEGEND_TOP = 6
LEGEND_ITEM_WIDTH = 74  # a 14 px swatch, a 6 px gap and "ปี 2566" (about 41 px at font-size 13 in Chromium)
LEGEND_ROW_HEIGHT = 22
LEGEND_PER_ROW = (WIDTH - LEGEND_LEFT) // LEGEND_ITEM_WIDTH
LABEL_LINE_HEIGHT = 18
BAR_HEIGHT = 15
BAR_GAP = 3
GROUP_GAP = 14
VALUE_SPACE = 112  # room to the right of the longest bar for its label ("2555: 12.5 ล้าน")
LABEL_LINE_CHARS = 36  # visible characters per line at font-size 13 (Thai vowel and tone marks take no width)
LABEL_LINES = 2
# Brand green, accent gold, then colours that stay distinct for colour-blind readers.
COLOURS = ("#1f5f3f", "#c8941d", "#3a6ea5", "#8a4f9e", "#b3261e", "#4d7f2a", "#6b6b6b", "#d0672b", "#2a8a8a", "#7a5a2a")


@dataclass
class Bar:
    year: int
    y: float
    width: float
    fill: str
    value_label: str
    text_x: float
    text_y: float


@dataclass
class LabelLine:
    text: str
    y: float


@dataclass
class Group:
    lines: list
    full_label: str
    bars: list


@dataclass
class LegendItem:
    year: int
    x: float
    y: float  # top of the swatch; the label's baseline is 12 px lower
    fill: str

    @property
    def text_x(self):
        return self.x + 20

    @property
    def text_y(self):
        return self.y + 12


@dataclass
class Chart:
    width: int
    height: float
    groups: list
    legend: list
    bar_height: int

    def svg(self):
        """The chart as inline SVG. Written out here, not by a template: the plan's page draws it again after
        every edit of a budget line, and the template engine took a fifth of that render for its attributes."""
        out = [
            f'<svg class="plan-chart__svg" viewBox="0 0 {self.width} {self.height}" width="{self.width}"'
            f' height="{self.height}" role="img" aria-labelledby="plan-chart-title plan-chart-desc"'
            ' xmlns="http://www.w3.org/2000/svg" font-size="13">',
            '<title id="plan-chart-title">แผนภูมิงบประมาณตามยุทธศาสตร์และปีงบประมาณ</title>',
            '<desc id="plan-chart-desc">แผนภูมิแท่งแนวนอน แต่ละยุทธศาสตร์มีแท่งหนึ่งแท่งต่อปีงบประมาณ'
            " ตัวเลขเดียวกันอยู่ในตารางข้าง ๆ</desc>",
            '<g class="plan-chart__legend" aria-hidden="true">',
        ]
        for item in self.legend:
            out.append(
                f'<rect x="{item.x}" y="{item.y}" width="14" height="14" rx="2" fill="{item.fill}"/>'
                f'<text x="{item.text_x}" y="{item.text_y}" fill="#1d2430">ปี {item.year}</text>'
            )
        out.append("</g>")
        for group in self.groups:
            out.append(f'<g class="plan-chart__group"><title>{escape(group.full_label)}</title>')
            out += [
                f'<text class="plan-chart__label" x="0" y="{line.y}" fill="#143f2a" font-weight="700">'
                f"{escape(line.text)}</text>"
                for line in group.lines
            ]
            out += [
                f'<rect x="0" y="{bar.y}" width="{bar.width}" height="{self.bar_height}" rx="2" fill="{bar.fill}"/>'
                f'<text x="{bar.text_x}" y="{bar.text_y}" font-size="12" fill="#1d2430">'
                f"{escape(bar.value_label)}</text>"
                for bar in group.bars
            ]
            out.append("</g>")
        out.append("</svg>")
        return mark_safe("\n".join(out))  # noqa: S308 every text in it escaped above


def _visible_length(text):
    return sum(1 for char in text if unicodedata.category(char) != "Mn")


def wrap_label(text, width=LABEL_LINE_CHARS, lines=LABEL_LINES):
    """Split a label at spaces into at most ``lines`` lines; the last one ends with … when text is left over."""
    words, result, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if _visible_length(candidate) <= width or not current:
            current = candidate
        else:
            result.append(current)
            current = word
    if current:
        result.append(current)
    if len(result) > lines:
        result = result[:lines]
        result[-1] = result[-1] + " …"
    return result


def budget_chart(table) -> Chart:
    """A Chart for a strategy BudgetTable (rows: strategies, columns: years)."""
    years = table.years
    largest = max((a for row in table.rows for a in row.amounts if a), default=Decimal("0"))
    scale = (WIDTH - VALUE_SPACE) / float(largest) if largest else 0
    legend = [
        LegendItem(
            year,
            x=LEGEND_LEFT + (i % LEGEND_PER_ROW) * LEGEND_ITEM_WIDTH,
            y=LEGEND_TOP + (i // LEGEND_PER_ROW) * LEGEND_ROW_HEIGHT,
            fill=COLOURS[i % len(COLOURS)],
        )
        for i, year in enumerate(years)
    ]
    legend_rows = -(-len(years) // LEGEND_PER_ROW)
    groups, y = [], LEGEND_TOP + max(legend_rows, 1) * LEGEND_ROW_HEIGHT + 2
    for row in table.rows:
        strategy = row.item
        full_label = f"{strategy.number}. {strategy.title}"
        # "ยุทธศาสตร์ที่ 1" is already said by the number; the rest of the title is what tells strategies apart.
        short = strategy.title.removeprefix("ยุทธศาสตร์").strip() or strategy.title
        lines = []
        for text in wrap_label(f"{strategy.number}. {short}"):
            y += LABEL_LINE_HEIGHT
            lines.append(LabelLine(text, y - 5))
        bars = []
        for i, (year, amount) in enumerate(zip(years, row.amounts, strict=True)):
            width = round(float(amount or 0) * scale, 1)
            bars.append(
                Bar(
                    year=year,
                    y=y,
                    width=max(width, 1 if amount else 0),
                    fill=COLOURS[i % len(COLOURS)],
                    value_label=f"{year}: {baht_short(amount or 0)}",
                    text_x=width + 4,
                    text_y=y + BAR_HEIGHT - 3,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
        groups.append(Group(lines, full_label, bars))
    return Chart(width=WIDTH, height=y, groups=groups, legend=legend, bar_height=BAR_HEIGHT)
