"""What a resident sees of the announcements in a real Chromium: a category list and a detail page with its
gallery, on a phone and on a desktop, under the strict Content-Security-Policy (violations are console errors)."""

import pytest

from tests.conftest import TEST_OUTPUT, screenshot

pytestmark = pytest.mark.browser

SIZES = [(360, 800), (1366, 768)]


def page_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def images_decoded(page, selector):
    """How many images under selector have decoded, after scrolling each into view (they load lazily)."""
    images = page.locator(selector)
    for index in range(images.count()):
        images.nth(index).scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    return page.evaluate(
        "(sel) => Array.from(document.querySelectorAll(sel)).filter((i) => i.complete && i.naturalWidth > 0).length",
        selector,
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_category_list_shows_cards_with_covers_pinned_first(live_demo, new_page, width, height):
    page = new_page(width, height)
    response = page.goto(live_demo.url + "/news/activities/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "กิจกรรมขององค์กร"
    titles = page.locator(".news-card__title").all_inner_texts()
    assert titles[0] == "ปลูกต้นไม้ริมแม่น้ำน่าน เฉลิมพระเกียรติ"  # pinned
    assert not any("ฉบับร่าง" in title or "ตั้งเวลา" in title for title in titles)
    assert page.locator(".news-card--pinned .badge--pin").inner_text() == "ปักหมุด"
    assert images_decoded(page, ".news-card__media img") == len(titles)
    assert page.locator('link[rel="alternate"][type="application/rss+xml"]').count() == 1
    cards = page.locator(".news-card")
    for index in range(cards.count()):
        box = cards.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1
    assert page_overflow(page) <= 0, "the list scrolls sideways"
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"pages-news-list-{width}x{height}")
    assert page.console_errors == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_detail_page_gallery_opens_in_a_viewer_and_attachments_show_type_and_size(live_demo, new_page, width, height):
    page = new_page(width, height)
    page.goto(live_demo.url + "/news/activities/")
    page.locator(".news-card__link").first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "ปลูกต้นไม้ริมแม่น้ำน่าน เฉลิมพระเกียรติ"
    assert page.locator(".preview-banner").count() == 0
    assert images_decoded(page, ".gallery__link img") == 4
    assert page.locator("figcaption").first.inner_text() == "ลงทะเบียนผู้ร่วมกิจกรรม"
    assert page.locator(".neighbours__link--previous").count() == 1
    assert page_overflow(page) <= 0, "the detail page scrolls sideways"
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"pages-news-detail-{width}x{height}")

    # With JavaScript the full image opens in a dialog; previous/next walk through the gallery.
    page.locator(".gallery__link").nth(1).click()
    dialog = page.locator("dialog.lightbox[open]")
    dialog.wait_for()
    assert dialog.locator(".lightbox__counter").inner_text() == "ภาพที่ 2 จาก 4"
    assert dialog.locator(".lightbox__caption").inner_text() == "แบ่งกลุ่มปลูกต้นไม้ริมตลิ่ง"
    dialog.locator("button", has_text="ถัดไป").click()
    assert dialog.locator(".lightbox__counter").inner_text() == "ภาพที่ 3 จาก 4"
    full_width = page.evaluate(
        "new Promise((done) => { const img = document.querySelector('.lightbox__image');"
        " if (img.complete) done(img.naturalWidth); else img.addEventListener('load', () => done(img.naturalWidth)); })"
    )
    assert full_width == 1200
    page.screenshot(path=str(TEST_OUTPUT / "screenshots" / f"pages-news-lightbox-{width}x{height}.png"))
    page.keyboard.press("Escape")
    page.wait_for_selector("dialog.lightbox[open]", state="detached")
    assert page.console_errors == []

    # A resolution: its PDF is listed with its type and size.
    page.goto(live_demo.url + "/news/resolutions/")
    page.locator(".news-card__link").first.click()
    page.wait_for_load_state("load")
    meta = page.locator(".attachment__meta").first.inner_text()
    assert meta.startswith("ไฟล์ PDF ขนาด ") and "กิโลไบต์" in meta
    screenshot(page, f"pages-news-resolution-{width}x{height}")
    assert page.console_errors == []


def test_gallery_works_without_javascript(live_demo, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_demo.url + "/news/activities/")
        page.locator(".news-card__link").first.click()
        href = page.locator(".gallery__link").first.get_attribute("href")
        response = page.goto(live_demo.url + href)
        assert response.status == 200 and response.headers["content-type"].startswith("image/")
    finally:
        context.close()
