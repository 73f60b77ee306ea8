"""The budget chart keeps every year of a long plan inside its drawing, on a phone-sized SVG."""

import re

import pytest
from django.test import Client

from tests.plans_tests.builders import build_plan_over_years

pytestmark = pytest.mark.django_db

# "ปี 2570" at font-size 13 measures about 41 px in Chromium with Sarabun or the TLWG fonts (see the browser
# test, which measures it for real); 60 px leaves room for a wider fallback font.
LABEL_WIDTH = 60
LABEL_HEIGHT = 13


def chart_svg(plan):
    html = Client().get(plan.get_absolute_url()).content.decode()
    return re.search(r'<svg class="plan-chart__svg".*?</svg>', html, re.S).group(0)


def view_box(svg):
    x, y, width, height = (float(n) for n in re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    assert (x, y) == (0, 0)
    return width, height


def legend_labels(svg):
    legend = re.search(r'<g class="plan-chart__legend".*?</g>', svg, re.S).group(0)
    return [
        (int(year), float(x), float(y))
        for x, y, year in re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>ปี (\d{4})</text>', legend)
    ]


@pytest.mark.parametrize(("first_year", "last_year"), [(2553, 2555), (2566, 2570), (2561, 2570)])
def test_every_year_label_of_the_legend_lies_inside_the_view_box(first_year, last_year):
    plan = build_plan_over_years(first_year, last_year, slug=f"{first_year}-{last_year}")
    svg = chart_svg(plan)
    width, height = view_box(svg)
    labels = legend_labels(svg)

    assert [year for year, _, _ in labels] == list(range(first_year, last_year + 1))
    for year, x, baseline in labels:
        assert x >= 0 and x + LABEL_WIDTH <= width, (year, x, width)
        assert baseline - LABEL_HEIGHT >= 0 and baseline <= height, (year, baseline)
    # Labels on one row do not overlap each other.
    for (_, x1, y1), (_, x2, y2) in zip(labels, labels[1:], strict=False):
        assert y1 != y2 or x2 - x1 >= LABEL_WIDTH
    # The bars begin below the last row of the legend.
    first_bar_y = min(float(y) for y in re.findall(r'<rect x="0" y="([\d.]+)"', svg))
    assert first_bar_y > max(baseline for _, _, baseline in labels)
