"""The accessibility tools in a real Chromium: they work with JavaScript off, and with it on the first paint
is already in the chosen style (the class on <html> comes from the server, not from a script)."""

import re

import pytest

from tests.conftest import screenshot

pytestmark = pytest.mark.browser


def root_font_size(page):
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def follow(page, link):
    """Clicks a link and waits until the page it leads to has loaded: with JavaScript off, the display tools
    answer with a redirect back to the same address, so the address alone cannot tell the new page from the old."""
    with page.expect_navigation():
        link.click()


def body_colours(page):
    return page.evaluate("[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")


def test_with_javascript_off_the_largest_text_and_high_contrast_follow_the_visitor(live_demo, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=False, locale="th-TH")
    try:
        page = context.new_page()
        page.goto(live_demo.url + "/news/")
        default_size = root_font_size(page)
        assert body_colours(page) == ["rgb(29, 36, 48)", "rgb(255, 255, 255)"]

        follow(page, page.get_by_role("link", name="ขนาดตัวอักษรใหญ่ที่สุด"))
        assert page.url == live_demo.url + "/news/"  # back on the same page
        assert root_font_size(page) == pytest.approx(default_size * 1.3)
        follow(page, page.get_by_role("link", name=re.compile("^ความคมชัดสูง")))
        assert page.url == live_demo.url + "/news/"
        assert body_colours(page) == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
        screenshot(page, "display-largest-contrast-360x800")

        # ...and it survives navigation: another page, read through the menu, keeps both.
        page.goto(live_demo.url + "/#site-nav")
        follow(page, page.locator("#site-nav").get_by_role("link", name="แผนที่ตำบล"))
        assert page.url.endswith("/map/")
        assert root_font_size(page) == pytest.approx(default_size * 1.3)
        assert body_colours(page) == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, "the largest text makes a 360 px page scroll sideways"

        follow(page, page.get_by_role("link", name="ค่าเริ่มต้น"))
        assert root_font_size(page) == pytest.approx(default_size)
    finally:
        context.close()


FOCUSED = """(() => {
  const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
  return {text: (el.textContent || el.value || '').trim().slice(0, 40), outline: style.outlineStyle,
          width: parseFloat(style.outlineWidth), visible: box.width > 0 && box.height > 0};
})()"""


def test_with_javascript_on_the_first_paint_is_already_in_the_chosen_style(live_demo, new_page):
    page = new_page(1366, 768)
    page.goto(live_demo.url + "/")
    default_size = root_font_size(page)

    # Keyboard: from the top, the skip link, the display tools, the search and the menu are reached in order,
    # each with a visible focus ring.
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["visible"] and focused["outline"] != "none" and focused["width"] >= 2, focused
        reached.append(focused["text"])
    assert reached[0] == "ข้ามไปยังเนื้อหาหลัก"
    assert any(text.startswith("ความคมชัดสูง") for text in reached)
    assert "ข้อมูลทั่วไป" in reached  # the first entry of the menu
    follow(page, page.get_by_role("link", name="ขนาดตัวอักษรใหญ่").first)
    follow(page, page.get_by_role("link", name=re.compile("^ความคมชัดสูง")))

    # The served HTML itself carries the class, in front of the render-blocking stylesheet...
    html = page.request.get(live_demo.url + "/sitemap/").text()
    assert re.search(r'<html lang="th" class="text-large contrast-high">', html)
    head = html.split("</head>")[0]
    assert 'rel="stylesheet" href="/static/css/site.css"' in head

    # ...so the style holds before any script of ours could run: block them all and look.
    page.route(re.compile(r".*\.js(\?.*)?$"), lambda route: route.abort())
    # Read once the stylesheet has loaded (the load event): read earlier, on a busy machine, the page had
    # the class but not yet the style sheet that gives it its size.
    page.goto(live_demo.url + "/sitemap/", wait_until="load")
    page.wait_for_selector("main")
    assert root_font_size(page) == pytest.approx(default_size * 1.15)
    assert body_colours(page) == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
