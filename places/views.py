from django.conf import settings
from django.shortcuts import render

from core.compiled import compiled
from core.models import can_preview
from places.models import MapSheet, Place


def map_page(request):
    """The tambon map: the map images, an interactive map of the places and the same places as a plain list.

    Each is read and kept in a part of its own (templates/places/map.html, places/templatetags/places_tags.py),
    with a query of its own whatever the number of places: an edit of a place renders the places again, not
    the images, and an edit of the profile only the office's coordinates, where the map centres.
    """
    return render(request, "places/map.html", {"breadcrumbs": [("แผนที่ตำบล", None)]})


def visible_places(user):
    # Clerks see drafts too, marked as such, to check a place before publishing it.
    return list(compiled(("places.places", can_preview(user, Place)), lambda: Place.objects.visible_to(user)))


def visible_sheets(user):
    return list(compiled(("places.sheets", can_preview(user, MapSheet)), lambda: MapSheet.objects.visible_to(user)))


def places_by_kind(places):
    """[(kind label, [places])] in the order of Place.Kind, leaving out kinds with no place."""
    groups = {kind: [] for kind in Place.Kind}
    for place in places:
        groups[Place.Kind(place.kind)].append(place)
    return [(kind.label, members) for kind, members in groups.items() if members]


def places_centre(places):
    """The middle of the places: where the map centres when neither MAP_CENTER nor the office's coordinates
    say (places_tags.office_centre_json)."""
    return [
        sum(float(place.latitude) for place in places) / len(places),
        sum(float(place.longitude) for place in places) / len(places),
    ]


def map_data(places):
    """What static/js/map.js needs, handed over as JSON (json_script): the page allows no inline script."""
    return {
        "tiles": {
            "url": settings.MAP_TILE_URL,
            "attribution": settings.MAP_TILE_ATTRIBUTION,
            "maxZoom": settings.MAP_TILE_MAX_ZOOM,
        },
        "placesCenter": places_centre(places),
        "zoom": settings.MAP_ZOOM,
        "places": [
            {
                "id": place.pk,
                "name": place.name if place.status == Place.Status.PUBLISHED else f"{place.name} (ฉบับร่าง)",
                "kind": place.get_kind_display(),
                "village": place.village_number,
                "lat": float(place.latitude),
                "lng": float(place.longitude),
                "anchor": place.anchor,
            }
            for place in places
        ],
    }
