from django import template

from visitors.counting import cached_totals

register = template.Library()


@register.inclusion_tag("visitors/counter.html")
def visitor_counter():
    """The footer's วันนี้ / เดือนนี้ / ทั้งหมด, from the cached totals only: never a query while drawing a page."""
    return {"totals": cached_totals()}
