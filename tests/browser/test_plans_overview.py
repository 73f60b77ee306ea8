"""What a resident sees of the development plan in a real Chromium: the overview and its chart, phone and desktop."""

import pytest

from tests.conftest import screenshot
from tests.plans_tests.builders import build_plan_over_years

pytestmark = pytest.mark.browser

PLAN_URL = "/plans/2553-2555/"


def page_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize(("width", "height"), [(360, 800), (1366, 768)])
def test_overview_shows_the_chart_and_its_table_without_sideways_scrolling(live_demo, new_page, width, height):
    page = new_page(width, height)
    response = page.goto(live_demo.url + PLAN_URL)
    assert response.status == 200
    page.evaluate("document.fonts.ready.then(() => true)")

    chart = page.locator("svg.plan-chart__svg")
    chart.wait_for()
    box = chart.bounding_box()
    assert box["width"] > 250 and box["height"] > 250, box
    assert chart.locator("rect").count() >= 7 * 3  # one bar per strategy and year, plus the legend
    assert "ข้อมูลตัวอย่าง" in page.locator(".plan-note").inner_text()

    table = page.locator("table.plan-table").first
    assert table.locator("tbody tr").count() == 7
    assert table.locator("tfoot").inner_text().count("บาท") == 0  # the caption says (บาท); cells are plain numbers
    assert page_overflow(page) <= 0, "the page scrolls sideways"
    # The wide table scrolls inside its own box instead of the page.
    wrapper_fits = page.evaluate(
        "(() => { const w = document.querySelector('.table-scroll'); return w.getBoundingClientRect().right"
        " <= document.documentElement.clientWidth + 1; })()"
    )
    assert wrapper_fits

    chart.scroll_into_view_if_needed()
    screenshot(page, f"plans-overview-{width}x{height}")
    assert page.console_errors == []


def test_filters_combine_in_the_url_and_the_print_button_appears(live_demo, new_page):
    page = new_page(360, 800)
    page.goto(live_demo.url + PLAN_URL)
    assert page.locator("[data-plan-print]").first.is_visible()
    page.select_option("#id_year", "2554")
    page.fill("#id_q", "ถนน")
    page.get_by_role("button", name="แสดงโครงการ").click()
    page.wait_for_url("**/projects/?*")
    page.wait_for_load_state("load")
    assert "year=2554" in page.url and "q=" in page.url
    heading = page.locator("#result-heading").inner_text()
    assert heading.startswith("พบ ")
    assert page.locator("#id_year").input_value() == "2554"
    assert page_overflow(page) <= 0
    screenshot(page, "plans-projects-filtered-360x800")
    assert page.console_errors == []


def test_strategy_and_project_pages_fit_a_phone(live_demo, new_page):
    page = new_page(360, 800)
    page.goto(live_demo.url + PLAN_URL)
    page.locator("table.plan-table tbody th a").first.click()
    page.locator(".plan-table__subtotal").first.wait_for()
    page.wait_for_load_state("load")  # measure once the stylesheets apply
    assert page_overflow(page) <= 0
    screenshot(page, "plans-strategy-360x800")
    page.locator(".plan-table__name a").first.click()
    page.locator("#project-budget-caption").wait_for()
    page.wait_for_load_state("load")
    assert page_overflow(page) <= 0
    screenshot(page, "plans-project-360x800")
    assert page.console_errors == []


def test_printed_tables_fit_the_width_of_an_a4_page(live_demo, new_page):
    # A4 portrait is 210 mm; with the stylesheet's 10 mm margins 190 mm ≈ 718 CSS px are printable.
    page = new_page(718, 1000)
    page.emulate_media(media="print")
    for path in (PLAN_URL, PLAN_URL + "projects/"):
        page.goto(live_demo.url + path)
        assert page.locator(".plan-filters").first.is_hidden()
        widths = page.evaluate(
            "Array.from(document.querySelectorAll('table.plan-table')).map(t => t.getBoundingClientRect().right)"
        )
        assert widths and max(widths) <= 718, (path, widths)
        assert page_overflow(page) <= 0, path
        screenshot(page, "plans-print-a4-" + path.strip("/").replace("/", "-"))
    page.pdf(path=str(screenshot.__globals__["TEST_OUTPUT"] / "plans-projects-a4.pdf"), format="A4")


LEGEND_BOXES = """(() => {
  const svg = document.querySelector('svg.plan-chart__svg');
  const box = svg.viewBox.baseVal;
  const labels = Array.from(svg.querySelectorAll('.plan-chart__legend text')).map(text => {
    const b = text.getBBox();
    return {text: text.textContent, left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height};
  });
  const bars = Array.from(svg.querySelectorAll('.plan-chart__group rect')).map(rect => rect.getBBox().y);
  return {width: box.width, height: box.height, labels: labels, firstBar: Math.min(...bars)};
})()"""


@pytest.mark.parametrize(("first_year", "last_year"), [(2566, 2570), (2561, 2570)])
def test_every_year_of_a_long_plans_legend_is_drawn_inside_the_chart(
    transactional_db, live_server, new_page, first_year, last_year
):
    plan = build_plan_over_years(first_year, last_year, slug=f"{first_year}-{last_year}")
    page = new_page(360, 800)
    assert page.goto(live_server.url + plan.get_absolute_url()).status == 200
    page.evaluate("document.fonts.ready.then(() => true)")

    chart = page.evaluate(LEGEND_BOXES)

    assert [label["text"] for label in chart["labels"]] == [f"ปี {y}" for y in range(first_year, last_year + 1)]
    for label in chart["labels"]:
        assert label["left"] >= 0 and label["right"] <= chart["width"], (label, chart["width"])
        assert label["top"] >= 0 and label["bottom"] <= chart["height"], label
        assert label["bottom"] <= chart["firstBar"], label  # the legend does not run into the bars
    assert page_overflow(page) <= 0
    page.locator("svg.plan-chart__svg").scroll_into_view_if_needed()
    screenshot(page, f"plans-chart-legend-{first_year}-{last_year}-360x800")
    assert page.console_errors == []
