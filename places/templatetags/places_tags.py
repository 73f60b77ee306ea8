from django import template
from django.utils.html import json_script

from places.views import office_centre

register = template.Library()


@register.simple_tag(takes_context=True)
def office_centre_json(context):
    """The JSON block (``map-centre``) that static/js/map.js centres the map on: the office's coordinates from
    the profile, or null. Rendered in a part of its own on the map page (templates/places/map.html)."""
    return json_script(office_centre(context["site_profile"]()), "map-centre")
