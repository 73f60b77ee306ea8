from django import template
from django.conf import settings
from django.utils.html import json_script

from places.views import map_data, places_by_kind, visible_places, visible_sheets

register = template.Library()


@register.simple_tag(takes_context=True)
def map_places(context):
    """The places this visitor may see: {"places": [...], "groups": places_by_kind(), "data": map_data() or
    None when there is none}."""
    places = visible_places(context["user"])
    return {"places": places, "groups": places_by_kind(places), "data": map_data(places) if places else None}


@register.simple_tag(takes_context=True)
def map_sheets(context):
    """The map images this visitor may see."""
    return visible_sheets(context["user"])


@register.simple_tag(takes_context=True)
def map_is_empty(context):
    """Neither a place nor a map image to show."""
    user = context["user"]
    return not visible_places(user) and not visible_sheets(user)


@register.simple_tag(takes_context=True)
def office_centre_json(context):
    """The JSON block (``map-centre``) that static/js/map.js centres the map on: MAP_CENTER if set, else the
    office's coordinates from the profile, else null (the map then centres on the middle of its places).
    Rendered in a part of its own on the map page (templates/places/map.html), so that an edit of the profile
    renders it and not the list of places."""
    if settings.MAP_CENTER:
        return json_script(list(settings.MAP_CENTER), "map-centre")
    profile = context["site_profile"]()
    known = profile.latitude is not None and profile.longitude is not None
    return json_script([float(profile.latitude), float(profile.longitude)] if known else None, "map-centre")
