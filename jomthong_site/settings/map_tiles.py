"""Reading the map's tile server and first view from the environment, for base.py.

Pure Python (no models), because settings are read before any app is loaded.
"""

import math
import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# Leaflet fills {s} (and any other {placeholder} in the host) with a subdomain such as a, b or c.
HOST_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def tile_csp_source(tile_url: str) -> str:
    """The Content-Security-Policy source that lets the browser load images from the tile server.

    ``https://tile.openstreetmap.org/{z}/{x}/{y}.png`` → ``https://tile.openstreetmap.org``;
    ``https://{s}.tile.example.org/{z}/{x}/{y}.png`` → ``https://*.tile.example.org``;
    a tile server on our own host (``/tiles/{z}/{x}/{y}.png``) or none at all → ``""`` ('self' covers it).
    """
    parts = urlsplit(tile_url.strip())
    if not parts.netloc:
        return ""
    if parts.scheme not in {"http", "https"}:
        raise ImproperlyConfigured(f"MAP_TILE_URL must start with https:// (got {tile_url!r})")
    host = HOST_PLACEHOLDER.sub("*", parts.netloc)
    if "*" in host and not host.startswith("*."):
        # CSP allows a wildcard only as the leftmost label: fall back to the registrable part after it.
        host = "*." + host.rsplit("*", 1)[1].lstrip(".-")
    return f"{parts.scheme}://{host}"


def parse_map_center(value: str) -> tuple[float, float] | None:
    """``"16.91,100.26"`` → (16.91, 100.26); empty → None (the view then chooses a centre)."""
    if not value.strip():
        return None
    example = '"latitude,longitude", e.g. "16.91,100.26"'
    try:
        latitude, longitude = (float(part) for part in value.split(","))
    except ValueError as error:
        raise ImproperlyConfigured(f"MAP_CENTER must be {example} (got {value!r})") from error
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise ImproperlyConfigured(f"MAP_CENTER must be {example} (got {value!r})")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ImproperlyConfigured(f"MAP_CENTER is outside the earth's coordinates (got {value!r})")
    return latitude, longitude
