"""The map page in a real Chromium, on a desktop and on a phone: one marker per published place, popups that
open, a list that still works when the tile server is unreachable, and a page that still reads without JavaScript.

Every test aborts the requests that would leave the live server, so CI never reaches the tile server (or anything
else on the internet); the tiles failing is exactly the situation the page must survive.
"""

from fnmatch import fnmatch
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from jomthong_site.settings.map_tiles import HOST_PLACEHOLDER
from places.models import Place
from tests.conftest import screenshot

pytestmark = pytest.mark.browser

SIZES = [(1366, 768), (360, 800)]
# The host the tiles come from, as a pattern ("{s}.tile.example.org" → "*.tile.example.org").
TILE_HOST = HOST_PLACEHOLDER.sub("*", urlsplit(settings.MAP_TILE_URL).netloc)
ABORTED_MESSAGE = "Failed to load resource: net::ERR_FAILED"


def is_tile_request(url):
    return bool(TILE_HOST) and fnmatch(urlsplit(url).netloc, TILE_HOST)


def keep_off_the_internet(target, server_url):
    """Aborts every request to another host than the live server (the tile server first of all).

    Returns the list of tile URLs that were aborted: a tile request proves the CSP let the browser try.
    """
    aborted_tiles = []

    def abort(route):
        if is_tile_request(route.request.url):
            aborted_tiles.append(route.request.url)
        route.abort()

    target.route(lambda url: not url.startswith(server_url), abort)
    return aborted_tiles


def errors_besides_aborted_tiles(page):
    """The page's console errors, less exactly one "failed to load" per tile request that we aborted."""
    assert len(page.aborted_tile_messages) <= len(page.aborted_tiles)  # only requests we aborted are excused
    remaining = list(page.console_errors)
    for text in page.aborted_tile_messages:
        remaining.remove(text)
    return remaining


def open_map(new_page, server, width, height):
    page = new_page(width, height)
    page.aborted_tiles = keep_off_the_internet(page, server.url)
    page.aborted_tile_messages = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and message.text == ABORTED_MESSAGE
            and is_tile_request(message.location.get("url", ""))
            and page.aborted_tile_messages.append(message.text)
        ),
    )
    response = page.goto(server.url + "/map/")
    assert response.status == 200
    page.wait_for_selector(".leaflet-marker-icon")
    page.wait_for_load_state("networkidle")
    return page


def published_names():
    return sorted(Place.objects.published().values_list("name", flat=True))


def first_unobscured(page, selector):
    """The index of the first element under selector that a click at its centre would reach."""
    return page.locator(selector).evaluate_all(
        """elements => elements.findIndex((element) => {
            const box = element.getBoundingClientRect();
            return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === element;
        })"""
    )


def image_decoded(page, selector):
    page.locator(selector).scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    return page.locator(selector).evaluate("img => img.complete && img.naturalWidth > 0")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_one_marker_per_published_place_and_a_popup_on_click(live_demo, new_page, width, height):
    page = open_map(new_page, live_demo, width, height)
    names = published_names()
    assert len(names) >= 10
    markers = page.locator("#places-map .leaflet-marker-icon")
    assert markers.count() == len(names)
    labels = markers.evaluate_all("els => els.map((el) => [el.title, el.alt, el.getAttribute('role')])")
    assert sorted(title for title, _, _ in labels) == names
    assert all(alt.startswith(f"{title} (") and role == "button" for title, alt, role in labels)
    assert page.locator("#places-map").bounding_box()["height"] >= 300

    page.locator("#places-map").evaluate("element => element.scrollIntoView({block: 'center'})")
    index = first_unobscured(page, "#places-map .leaflet-marker-icon")
    assert index >= 0, "every marker is covered by another"
    marker = markers.nth(index)
    name = marker.get_attribute("title")
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator(".place-popup__name").inner_text() == name
    place = Place.objects.published().get(name=name)
    meta = popup.locator(".place-popup__meta").inner_text()
    assert meta.startswith(place.get_kind_display())
    assert (f"หมู่ที่ {place.village_number}" in meta) == bool(place.village_number)
    page.wait_for_timeout(300)  # let the popup finish fading in before the screenshot
    screenshot(page, f"places-map-popup-{width}x{height}")

    # The popup's link leads to the same place in the list.
    popup.get_by_role("link", name="ดูรายละเอียดในรายชื่อ").click()
    assert page.evaluate("location.hash") == f"#place-{place.pk}"
    entry = page.locator(f"#place-{place.pk}")
    assert entry.locator(".place__name").inner_text() == name
    assert entry.evaluate("element => element.matches(':target')")

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "the map page scrolls sideways"
    assert page.aborted_tiles, "the browser never asked for a tile: is the tile host missing from the CSP?"
    assert errors_besides_aborted_tiles(page) == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_without_tiles_the_markers_the_list_and_the_map_image_still_work(live_demo, new_page, width, height):
    page = open_map(new_page, live_demo, width, height)
    assert page.locator("#places-map .leaflet-tile-loaded").count() == 0
    note = page.locator(".map-live__note")
    assert note.is_visible() and note.inner_text().startswith("โหลดภาพพื้นหลังแผนที่ไม่ได้")
    assert page.locator("#places-map .leaflet-control-attribution").inner_text().endswith("© ผู้ร่วมให้ข้อมูล OpenStreetMap")

    # A list entry's button finds its place on the map and opens its popup.
    names = page.locator(".place-list .place__name").all_inner_texts()
    assert sorted(names) == published_names()
    office = page.locator(".place", has_text="ที่ทำการองค์การบริหารส่วนตำบลจอมทอง")
    office.get_by_role("button", name="ดูบนแผนที่ (ที่ทำการองค์การบริหารส่วนตำบลจอมทอง)").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator(".place-popup__name").inner_text() == "ที่ทำการองค์การบริหารส่วนตำบลจอมทอง"
    assert page.evaluate("document.activeElement.title") == "ที่ทำการองค์การบริหารส่วนตำบลจอมทอง"

    assert image_decoded(page, ".map-sheet img")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"places-map-{width}x{height}")
    assert page.aborted_tiles
    assert errors_besides_aborted_tiles(page) == []


def test_without_javascript_the_list_and_the_map_image_are_there(live_demo, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=False, locale="th-TH")
    try:
        keep_off_the_internet(context, live_demo.url)
        page = context.new_page()
        assert page.goto(live_demo.url + "/map/").status == 200
        assert not page.locator("#map-live").is_visible()
        assert page.locator(".leaflet-container").count() == 0
        names = page.locator(".place-list .place__name")
        assert sorted(names.all_inner_texts()) == published_names()
        assert names.first.is_visible()
        assert page.locator(".place-list__kind").first.inner_text() == "หมู่บ้าน"
        sheet = page.locator(".map-sheet img")
        assert sheet.is_visible() and image_decoded(page, ".map-sheet img")
        full_image = page.locator(".map-sheet__full").get_attribute("href")
        assert page.request.get(live_demo.url + full_image).headers["content-type"] == "image/png"
        screenshot(page, "places-map-no-javascript-360x800")
    finally:
        context.close()
