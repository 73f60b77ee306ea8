"""The tile server and the map's centre come from the environment; the CSP entry for the tiles follows the tile URL."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from jomthong_site.settings.map_tiles import parse_map_center, tile_csp_source


@pytest.mark.parametrize(
    ("tile_url", "csp_source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png", "https://*.tile.opentopomap.org"),
        ("https://maps.example.go.th:8443/tiles/{z}/{x}/{y}.png?key=1", "https://maps.example.go.th:8443"),
        ("/tiles/{z}/{x}/{y}.png", ""),  # served by our own host: 'self' already covers it
        ("", ""),  # no tile server: markers on a plain background
    ],
)
def test_the_csp_source_for_the_tiles_is_derived_from_the_tile_url(tile_url, csp_source):
    assert tile_csp_source(tile_url) == csp_source


def test_a_tile_url_that_is_not_http_is_refused_at_start_up():
    with pytest.raises(ImproperlyConfigured):
        tile_csp_source("javascript://tile.example.org/{z}/{x}/{y}.png")


def test_the_map_centre_is_read_as_latitude_comma_longitude():
    assert parse_map_center(" 16.912 , 100.259 ") == (16.912, 100.259)
    assert parse_map_center("") is None


@pytest.mark.parametrize("value", ["16.9", "16.9;100.2", "north,east", "nan,100", "100.26,16.91,0", "95,100"])
def test_a_map_centre_that_makes_no_sense_stops_the_site_from_starting(value):
    with pytest.raises(ImproperlyConfigured):
        parse_map_center(value)
