from django import template

from core.compiled import compiled
from frontpage.models import Banner, QuickLink

register = template.Library()


@register.inclusion_tag("frontpage/banners.html")
def home_banners():
    return {"banners": list(compiled(("frontpage.banners",), lambda: Banner.objects.published()))}


@register.inclusion_tag("frontpage/quick_links.html")
def quick_links():
    return {"links": list(compiled(("frontpage.quick_links",), lambda: QuickLink.objects.published()))}
