"""The map page /map/: the map images, the places as a plain list that needs no JavaScript, and the JSON the
interactive map reads. Drafts stay hidden, the page runs a fixed number of queries, and the CSP lets the tiles in."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from core.models import SiteProfile
from tests.places_tests.builders import Kind, Status, clerk, map_sheet, place

pytestmark = pytest.mark.django_db

MAP_URL = "/map/"


def get_map():
    response = Client().get(MAP_URL)
    assert response.status_code == 200
    return response


def main_html(response):
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def page_data(response):
    """The JSON block that static/js/map.js reads."""
    match = re.search(r'<script id="places-data" type="application/json">(.*?)</script>', response.content.decode())
    assert match, "the page carries no places-data block"
    return json.loads(match.group(1))


def map_centre(response):
    """Where static/js/map.js centres the map: the office's block (map-centre), else the places' middle."""
    match = re.search(r'<script id="map-centre" type="application/json">(.*?)</script>', response.content.decode())
    assert match, "the page carries no map-centre block"
    return json.loads(match.group(1)) or page_data(response)["placesCenter"]


class ListReader(HTMLParser):
    """What a reader without JavaScript gets from the list: each kind heading with the names under it."""

    def __init__(self):
        super().__init__()
        self.groups, self._in = [], None

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "h3" and "place-list__kind" in classes:
            self._in = "kind"
        elif tag == "h4" and "place__name" in classes:
            self._in = "name"

    def handle_endtag(self, tag):
        if tag in {"h3", "h4"}:
            self._in = None

    def handle_data(self, data):
        if self._in == "kind":
            self.groups.append((data.strip(), []))
        elif self._in == "name":
            self.groups[-1][1].append(data.strip())


def listed_groups(response):
    reader = ListReader()
    reader.feed(main_html(response))
    return reader.groups


@pytest.fixture
def places():
    return {
        "temple": place("วัดจูงนาง", Kind.TEMPLE, village=5, description="วัดริมแม่น้ำน่าน\nหน้าวัดมีวังปลา"),
        "village": place("บ้านปากโทก", Kind.VILLAGE, village=4, latitude="16.935600", longitude="100.276800"),
        "office": place("ที่ทำการ อบต.", Kind.GOVERNMENT, village=2, photo=True),
        "draft": place("สถานที่ฉบับร่าง", Kind.LANDMARK, status=Status.DRAFT),
    }


def test_the_list_shows_published_places_grouped_by_kind_with_their_village(places):
    response = get_map()
    assert listed_groups(response) == [
        ("หมู่บ้าน", ["บ้านปากโทก"]),
        ("วัด", ["วัดจูงนาง"]),
        ("สถานที่ราชการ", ["ที่ทำการ อบต."]),
    ]
    html = main_html(response)
    temple = html.split(f'id="place-{places["temple"].pk}"', 1)[1].split("</li>", 1)[0]
    assert "วัด · หมู่ที่ 5" in temple
    assert "วัดริมแม่น้ำน่าน<br>หน้าวัดมีวังปลา" in temple
    assert "พิกัด 16.910000, 100.260000" in temple
    assert '<span aria-current="page">แผนที่ตำบล</span>' in html  # breadcrumbs like the other pages


def test_a_place_photo_is_a_responsive_lazy_picture_with_its_alt_text(places):
    html = main_html(get_map())
    office = html.split(f'id="place-{places["office"].pk}"', 1)[1].split("</li>", 1)[0]
    assert 'alt="ภาพถ่าย ที่ทำการ อบต."' in office
    assert 'type="image/webp" srcset="' in office and 'loading="lazy"' in office
    assert 'width="320" height="200"' in office


def test_drafts_are_invisible_in_the_list_the_map_data_and_the_images(places):
    draft_sheet = map_sheet("แผนที่ฉบับร่าง", status=Status.DRAFT)
    response = get_map()
    body = response.content.decode()
    assert "สถานที่ฉบับร่าง" not in body and f"place-{places['draft'].pk}" not in body
    assert "แผนที่ฉบับร่าง" not in body and draft_sheet.image.url not in body
    assert {item["name"] for item in page_data(response)["places"]} == {"วัดจูงนาง", "บ้านปากโทก", "ที่ทำการ อบต."}


def test_a_clerk_previews_draft_places_and_map_images_marked_as_drafts(places):
    draft_sheet = map_sheet("แผนที่ฉบับร่าง", status=Status.DRAFT)
    client = Client()
    client.force_login(clerk())
    response = client.get("/map/")
    body = response.content.decode()
    assert "สถานที่ฉบับร่าง" in body and "แผนที่ฉบับร่าง" in body and draft_sheet.image.url in body
    assert body.count("ฉบับร่าง: เห็นได้เฉพาะเจ้าหน้าที่") == 2
    names = {item["name"] for item in page_data(response)["places"]}
    assert "สถานที่ฉบับร่าง (ฉบับร่าง)" in names and "วัดจูงนาง" in names


def test_the_map_data_has_one_marker_per_published_place_with_its_popup_facts(places):
    markers = {item["name"]: item for item in page_data(get_map())["places"]}
    assert markers["วัดจูงนาง"] == {
        "id": places["temple"].pk,
        "name": "วัดจูงนาง",
        "kind": "วัด",
        "village": 5,
        "lat": 16.91,
        "lng": 100.26,
        "anchor": f"place-{places['temple'].pk}",
    }
    assert markers["บ้านปากโทก"]["lat"] == 16.9356 and markers["บ้านปากโทก"]["lng"] == 100.2768


def test_the_map_images_are_responsive_pictures_with_alt_text_and_a_link_to_the_full_image():
    first = map_sheet("แผนที่ตำบล แผ่นที่ 1", order=1)
    second = map_sheet("แผนที่ตำบล แผ่นที่ 2", order=2, size=(1800, 1200))
    html = main_html(get_map())
    assert html.index("แผ่นที่ 1") < html.index("แผ่นที่ 2")
    figure = html.split(f'id="map-sheet-{second.pk}"', 1)[1].split("</figure>", 1)[0]
    assert 'alt="ภาพ แผนที่ตำบล แผ่นที่ 2"' in figure
    assert 'width="1800" height="1200"' in figure and 'loading="lazy"' in figure
    assert re.search(r'srcset="[^"]*-400w\.webp 400w, [^"]*-800w\.webp 800w, [^"]*-1600w\.webp 1600w"', figure)
    assert 'sizes="(min-width: 72rem) 70rem, 100vw"' in figure
    assert f'href="{second.image.url}"' in figure
    # The first image is at the top of the page: it loads at once rather than lazily.
    first_figure = html.split(f'id="map-sheet-{first.pk}"', 1)[1].split("</figure>", 1)[0]
    assert "loading=" not in first_figure and 'width="900" height="600"' in first_figure


def test_the_map_images_show_even_when_there_are_no_places():
    map_sheet()
    response = get_map()
    html = main_html(response)
    assert "แผนที่ตำบลทดสอบ" in html and "places-data" not in html and "leaflet" not in response.content.decode()


def test_an_empty_map_page_says_so_in_thai():
    html = main_html(get_map())
    assert "ยังไม่มีข้อมูลแผนที่" in html


def test_the_interactive_map_is_hidden_until_javascript_shows_it_and_is_labelled(places):
    html = main_html(get_map())
    assert re.search(r'<section class="map-live" id="map-live" [^>]*hidden>', html)
    assert 'role="region" aria-label="แผนที่แบบโต้ตอบ แสดงหมุด 3 ตำแหน่ง"' in html


def test_tile_settings_are_handed_to_the_map_script(places):
    data = page_data(get_map())
    assert data["tiles"] == {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": '© <a href="https://www.openstreetmap.org/copyright">ผู้ร่วมให้ข้อมูล OpenStreetMap</a>',
        "maxZoom": 19,
    }
    with override_settings(
        MAP_TILE_URL="https://tiles.example.org/osm/{z}/{x}/{y}.png",
        MAP_TILE_ATTRIBUTION="© ตัวอย่างผู้ให้บริการแผนที่",
        MAP_TILE_MAX_ZOOM=17,
        MAP_ZOOM=12,
    ):
        data = page_data(get_map())
    assert data["tiles"] == {
        "url": "https://tiles.example.org/osm/{z}/{x}/{y}.png",
        "attribution": "© ตัวอย่างผู้ให้บริการแผนที่",
        "maxZoom": 17,
    }
    assert data["zoom"] == 12


@override_settings(MAP_CENTER=None)
def test_the_map_centres_on_the_office_when_its_coordinates_are_known_else_on_the_places(places):
    # Without office coordinates: the middle of the published places (the draft does not count).
    centre = map_centre(get_map())
    assert centre == pytest.approx([(16.91 + 16.9356 + 16.91) / 3, (100.26 + 100.2768 + 100.26) / 3])
    SiteProfile(name="อบต.ทดสอบ", short_name="อบต.", latitude="16.912400", longitude="100.259800").save()
    assert map_centre(get_map()) == [16.9124, 100.2598]
    with override_settings(MAP_CENTER=(16.95, 100.25)):
        assert map_centre(get_map()) == [16.95, 100.25]


def test_names_typed_by_a_clerk_cannot_break_out_of_the_page():
    place("<img src=x onerror=alert(1)></script><script>alert(2)</script>", Kind.OTHER)
    response = get_map()
    body = response.content.decode()
    assert "<script>alert(2)" not in body and "<img src=x" not in body
    assert page_data(response)["places"][0]["name"].startswith("<img src=x onerror")


def test_the_strict_csp_lets_the_tile_server_in_and_allows_no_inline_script(places):
    response = get_map()
    policy = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    directives = {name: sources for name, *sources in policy}
    assert "https://tile.openstreetmap.org" in directives["img-src"]
    assert settings.MAP_TILE_ORIGIN == "https://tile.openstreetmap.org"
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    body = response.content.decode()
    # The only scripts without a src are the JSON data blocks, which a browser never runs; nothing has a style
    # attribute.
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", body)
    assert inline_scripts == [
        '<script id="places-data" type="application/json">',
        '<script id="map-centre" type="application/json">',
    ]
    assert not re.search(r"<[^>]+\sstyle=", body)


def test_the_page_runs_the_same_number_of_queries_with_3_and_30_places():
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            get_map()
        return len(queries)

    map_sheet()
    for number in range(3):
        place(f"สถานที่ {number}", Kind.VILLAGE, village=number + 1, photo=number == 0)
    with_three = count_queries()
    for number in range(3, 30):
        place(f"สถานที่ {number}", list(Kind)[number % len(Kind)], village=number % 8 + 1, photo=number % 10 == 0)
    map_sheet("แผนที่แผ่นที่สอง")
    with_thirty = count_queries()
    assert len(page_data(get_map())["places"]) == 30
    assert with_three == with_thirty
    assert with_thirty <= 5


def test_the_sitemap_lists_the_map_page_with_its_last_change(places):
    body = Client().get("/sitemap.xml").content.decode()
    entry = body.split("<loc>http://testserver/map/</loc>", 1)[1].split("</url>", 1)[0]
    latest = max(item.updated_at for name, item in places.items() if name != "draft")
    assert f"<lastmod>{timezone.localtime(latest).date().isoformat()}</lastmod>" in entry
    assert "#place-" not in body


@override_settings(MAP_CENTER=None)
def test_after_an_edit_of_the_office_coordinates_the_kept_map_centres_on_them_without_rendering_its_places(
    places, settings
):
    from core import page_cache

    settings.PAGE_CACHE_ENABLED = True
    try:
        assert map_centre(get_map()) == pytest.approx([(16.91 + 16.9356 + 16.91) / 3, (100.26 + 100.2768 + 100.26) / 3])
        SiteProfile(name="อบต.ทดสอบ", short_name="อบต.", latitude="16.912400", longitude="100.259800").save()
        with CaptureQueriesContext(connection) as queries:
            response = get_map()
        assert map_centre(response) == [16.9124, 100.2598]
        assert response[page_cache.HIT_HEADER] == "shell"  # put together: the list of places as it was kept
        assert not any("places_place" in query["sql"] for query in queries)
    finally:
        page_cache.clear()
