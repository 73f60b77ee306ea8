from django import template

from frontpage.models import Banner, QuickLink

register = template.Library()


@register.inclusion_tag("frontpage/banners.html")
def home_banners():
    return {"banners": list(Banner.objects.published())}


@register.inclusion_tag("frontpage/quick_links.html")
def quick_links():
    return {"links": list(QuickLink.objects.published())}
