from django import template
from django.db.models import F
from django.utils.html import format_html

from core.compiled import first_or_none
from staff.models import Person, Position, Unit

register = template.Library()


@register.inclusion_tag("staff/includes/home_greeting.html")
def executive_greeting():
    """The home page's greeting: the นายก's photo, name, position and message, in one query; nothing without one."""
    chief = first_or_none(
        ("staff.executive_greeting",),
        lambda: (
            Person.objects.published()
            .filter(position__role=Position.Role.HEAD, unit__kind=Unit.Kind.EXECUTIVE, position__unit=F("unit"))
            .select_related("position", "unit")
            .order_by("unit__order", "position__rank", "order", "pk")
        ),
    )
    return {"chief": chief}


@register.filter
def email_wbr(email):
    """An address that may wrap before its @ in a narrow card, instead of in the middle of a word."""
    local, at, domain = (email or "").partition("@")
    if not at:
        return email
    return format_html("{}<wbr>@{}", local, domain)
