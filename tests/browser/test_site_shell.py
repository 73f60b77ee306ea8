"""What a resident sees in a real Chromium: Thai in Sarabun, a working menu on a phone, no dead links."""

import pytest

from tests.conftest import screenshot

pytestmark = pytest.mark.browser

THAI_FONT_NODE = "h1"


def platform_fonts(page, selector):
    """The fonts Chromium actually used to draw the text of the first element matching selector."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def test_home_page_draws_thai_in_sarabun_and_every_menu_link_answers(live_demo, new_page):
    page = new_page(1366, 768)
    page.goto(live_demo.url + "/")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.locator("html").get_attribute("lang") == "th"

    fonts = platform_fonts(page, THAI_FONT_NODE)
    assert fonts, "no text drawn in the heading"
    assert fonts[0]["familyName"] == "Sarabun" and fonts[0]["isCustomFont"], fonts
    body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    line_height = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)")
    assert body_size >= 17
    assert line_height / body_size >= 1.6

    from core.models import MenuItem

    links = page.locator("#site-nav a.site-nav__link")
    assert links.count() == MenuItem.objects.visible().count()  # every entry, submenus included
    for href in links.evaluate_all("links => links.map(a => a.href)"):
        assert page.request.get(href).status == 200, href
    screenshot(page, "site-home-1366x768")
    assert page.console_errors == []


def test_phone_menu_opens_with_the_button_and_by_keyboard(live_demo, new_page):
    page = new_page(360, 800)
    page.goto(live_demo.url + "/")
    nav = page.locator("#site-nav")
    button = page.locator("[data-menu-button]")
    assert not nav.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    screenshot(page, "site-home-360x800")

    button.click()
    assert nav.is_visible()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.textContent.trim()") == "ข้อมูลทั่วไป"
    assert nav.get_by_role("link", name="ส่วนการศึกษา").is_visible()
    screenshot(page, "site-menu-open-360x800")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "the page scrolls sideways on a 360 px phone"

    page.keyboard.press("Escape")
    assert not nav.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert nav.is_visible()
    assert page.console_errors == []


def test_phone_menu_works_without_javascript(live_demo, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_demo.url + "/")
        assert not page.locator("#site-nav").is_visible()
        page.locator("[data-menu-button]").click()
        assert page.locator("#site-nav").is_visible()
        with page.expect_navigation(url="**/forum/"):
            page.locator("#site-nav").get_by_role("link", name="กระดานสนทนา").click()
    finally:
        context.close()


def test_the_submenu_opens_by_keyboard_on_a_desktop(live_demo, new_page):
    page = new_page(1366, 768)
    page.goto(live_demo.url + "/")
    executives = page.locator("#site-nav").get_by_role("link", name="ผู้บริหาร")
    assert not executives.is_visible()
    page.locator("#site-nav").get_by_role("link", name="โครงสร้างองค์กร").focus()
    page.keyboard.press("Tab")
    assert executives.is_visible()
