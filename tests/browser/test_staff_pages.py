"""What a resident sees of the organisation in a real Chromium: chart and directory, on a phone and a desktop."""

import pytest

from tests.conftest import screenshot

pytestmark = pytest.mark.browser

SIZES = [(360, 800), (1366, 768)]
SHOW = "แสดงรายชื่อ"  # the directory filter's one button: for the search words and the unit alike


def page_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def photos_loaded(page, selector):
    """How many of the images under selector have actually decoded (lazy ones are scrolled to first)."""
    return page.evaluate(
        "(sel) => Array.from(document.querySelectorAll(sel))"
        ".filter((img) => img.complete && img.naturalWidth > 0).length",
        selector,
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_chart_shows_both_sides_as_a_readable_tree(live_demo, new_page, width, height):
    page = new_page(width, height)
    response = page.goto(live_demo.url + "/organisation/")
    assert response.status == 200
    page.evaluate("document.fonts.ready.then(() => true)")

    sides = page.locator(".org-side__title")
    assert sides.all_inner_texts() == ["ฝ่ายการเมือง", "ฝ่ายประจำ"]
    # A nested list: the four divisions sit one level under the permanent secretary.
    # ul > li > ul > li: a screen reader announces it as a list nested in a list.
    divisions = page.locator(
        ".org-side--permanent ul.org-tree > li.org-node > ul.org-tree__children > li.org-node .org-box__name"
    )
    assert divisions.all_inner_texts() == ["สำนักปลัด", "ส่วนการคลัง", "ส่วนโยธา", "ส่วนการศึกษา"]
    assert "ว่าง" in page.locator(".org-box", has_text="ส่วนโยธา").inner_text()
    assert "รักถิ่นดี" in page.locator(".org-box", has_text="คณะผู้บริหาร").inner_text()

    boxes = page.locator(".org-box")
    for index in range(boxes.count()):
        box = boxes.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"box {index} leaves the screen: {box}"
        assert box["width"] >= 150, f"box {index} is too narrow to read: {box}"
    if width >= 1000:
        # On a desktop the divisions stand side by side under their parent.
        tops = {round(divisions.nth(i).bounding_box()["y"]) for i in range(4)}
        assert len(tops) == 1, tops
    assert page_overflow(page) <= 0, "the chart scrolls sideways"
    screenshot(page, f"staff-chart-{width}x{height}")
    assert page.console_errors == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_directory_filter_by_unit_and_search_by_name_or_position(live_demo, new_page, width, height):
    page = new_page(width, height)
    page.goto(live_demo.url + "/organisation/directory/")
    groups = page.locator(".directory-group h2 a")
    assert groups.count() == 7
    everyone = page.locator(".person-card").count()
    assert everyone == 41

    page.locator(".person-card").first.scroll_into_view_if_needed()
    first_card = page.locator(".person-card").first.get_attribute("id")
    assert photos_loaded(page, f"#{first_card} img") == 1, "the first portrait did not load"
    assert page_overflow(page) <= 0
    screenshot(page, f"staff-directory-{width}x{height}")

    # Choosing a unit changes nothing by itself (WCAG 3.2.2): the list changes when the button is pressed.
    page.select_option("#id_unit", "finance")
    page.wait_for_timeout(700)
    assert "unit=" not in page.url and groups.count() == 7
    page.get_by_role("button", name=SHOW, exact=True).click()
    page.wait_for_url("**/directory/?*unit=finance*")
    page.wait_for_load_state("load")
    assert groups.all_inner_texts() == ["ส่วนการคลัง"]
    assert page.locator(".person-card").count() == 4
    assert page.locator("#id_unit").input_value() == "finance"

    # Search by position, within the unit, then by name across every unit.
    page.fill("#id_q", "พัสดุ")
    page.get_by_role("button", name=SHOW, exact=True).click()
    page.wait_for_url("**q=*")
    page.wait_for_load_state("load")
    assert page.locator(".person-card .person-card__position").all_inner_texts() == ["เจ้าพนักงานพัสดุ"]

    page.select_option("#id_unit", "")
    page.fill("#id_q", "บุญมา")
    page.get_by_role("button", name=SHOW, exact=True).click()
    page.wait_for_url("**q=%E0%B8%9A*")
    page.wait_for_load_state("load")
    names = page.locator(".person-card__name").all_inner_texts()
    assert names == ["นายบุญมา ทองตัวอย่าง (ชื่อสมมติ)"]
    assert "พบ 1 คน" in page.locator(".staff-count").inner_text()
    assert page_overflow(page) <= 0
    screenshot(page, f"staff-directory-search-{width}x{height}")

    page.get_by_role("link", name="ล้างการค้นหา").click()
    page.wait_for_load_state("load")
    assert page.locator(".person-card").count() == everyone
    assert page.console_errors == []


def test_directory_works_without_javascript(live_demo, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_demo.url + "/organisation/directory/")
        page.select_option("#id_unit", "education")
        page.fill("#id_q", "ครู")
        page.get_by_role("button", name=SHOW, exact=True).click()
        page.wait_for_load_state("load")
        assert page.locator(".person-card .person-card__position").all_inner_texts() == ["ครูผู้ดูแลเด็ก"] * 2
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_division_page_executives_and_council_on_a_phone_and_a_desktop(live_demo, new_page, width, height):
    page = new_page(width, height)
    for path, name in [
        ("/organisation/units/public-works/", "unit-public-works"),
        ("/organisation/executives/", "executives"),
        ("/organisation/council/", "council"),
    ]:
        response = page.goto(live_demo.url + path)
        assert response.status == 200
        page.evaluate("document.fonts.ready.then(() => true)")
        assert page_overflow(page) <= 0, path
        screenshot(page, f"staff-{name}-{width}x{height}")
    assert page.locator(".village-group h3").all_inner_texts() == [f"หมู่ที่ {n}" for n in range(1, 9)]
    assert page.console_errors == []


def test_long_unbroken_names_never_widen_the_page_on_a_phone(live_server, transactional_db, new_page):
    """A unit, a position or a person named with one long word (a pasted code, a name without spaces)
    wraps inside the card instead of pushing the page sideways."""
    from tests.staff_tests.builders import person, position, small_organisation

    org = small_organisation()
    long_unit = "หน่วย" + "ง" * 150
    org["works"].name = long_unit
    org["works"].save()
    for key in ("mayor", "member", "works_chief"):  # on the executives, council and division pages
        somebody = org[key]
        somebody.first_name, somebody.last_name = "ส" * 100, "W" * 100
        somebody.email = "a" * 60 + "@example.org"
        somebody.save()
    person(position(org["works"], "P" * 200), "ท" * 100)
    pages = [
        "/organisation/",
        "/organisation/executives/",
        "/organisation/council/",
        "/organisation/directory/",
        "/organisation/units/public-works/",
    ]
    page = new_page(360, 800)
    overflowing = {}
    for path in pages:
        page.goto(live_server.url + path)
        assert "W" * 100 in page.locator("main").inner_text(), path
        overflowing[path] = horizontal_overflow(page)
    assert all(pixels <= 0 for pixels in overflowing.values()), f"pages that scroll sideways: {overflowing}"
    screenshot(page, "staff-long-names-unit-360x800")
    assert page.console_errors == []


def horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
