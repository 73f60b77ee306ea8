"""A resident searches from the header, on a phone, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import screenshot

pytestmark = pytest.mark.browser


def search_from_header(page, words):
    box = page.get_by_label("ค้นหาในเว็บไซต์")
    box.fill(words)
    box.press("Enter")
    page.wait_for_load_state("load")


def test_a_resident_on_a_phone_finds_local_wisdom_from_the_header(live_demo, new_page):
    page = new_page(360, 740)
    page.goto(live_demo.url + "/")
    search_from_header(page, "ภูมิปัญญา")

    assert re.search(r"/search/\?q=", page.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("ค้นหา")
    expect(page.get_by_role("status").first).to_contain_text("พบ")
    results = page.locator(".search-result")
    assert results.count() >= 4
    expect(page.locator(".search-result mark").first).to_have_text("ภูมิปัญญา")
    kinds = set(page.locator(".search-result__kind").all_inner_texts())
    assert {"ข่าวสารและประกาศ", "โครงการในแผนพัฒนา", "หน้าเนื้อหา"} <= kinds
    assert any(re.search(r"25\d\d$", text) for text in page.locator(".search-result__date").all_inner_texts())
    no_sideways_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_sideways_scroll
    screenshot(page, "search-360")

    page.get_by_role("link", name=re.compile("ไซดักปลา")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ไซดักปลา")
    assert page.console_errors == []


def test_filtering_by_kind_and_a_query_with_no_hits(live_demo, new_page):
    page = new_page(1366, 768)
    page.goto(live_demo.url + "/search/?q=ถนน")
    page.get_by_role("link", name=re.compile(r"^โครงการในแผนพัฒนา \(\d+\)$")).click()
    kinds = set(page.locator(".search-result__kind").all_inner_texts())
    assert kinds == {"โครงการในแผนพัฒนา"}

    search_from_header(page, "คำที่ไม่มีในเว็บไซต์xyz")
    expect(page.get_by_role("status").first).to_contain_text("ไม่พบผลการค้นหา")
    expect(page.locator("#main-content").get_by_role("link", name="แผนผังเว็บไซต์")).to_be_visible()
    assert page.console_errors == []


def test_search_works_without_javascript(live_demo, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="th-TH")
    try:
        page = context.new_page()
        page.goto(live_demo.url + "/organisation/")
        search_from_header(page, "รักถิ่นดี")
        expect(page.locator(".search-result__title")).to_have_text(re.compile("รักถิ่นดี"))
        expect(page.locator(".search-result__kind")).to_have_text("บุคลากร")
    finally:
        context.close()
