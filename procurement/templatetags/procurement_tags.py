from django import template

from core.compiled import compiled
from procurement.models import Notice

register = template.Library()


@register.inclusion_tag("procurement/includes/latest_notices.html")
def latest_procurement_notices(count=5):
    """The newest published procurement notices, for the home page (one query)."""
    return {
        "notices": compiled(
            ("procurement.latest_notices", count),
            lambda: Notice.objects.published().order_by("-announced_on", "-pk")[:count],
        )
    }


@register.filter
def baht(value):
    """1234567.5 → "1,234,567.50" (Decimal kept exact; nothing for an empty amount)."""
    if value is None or value == "":
        return "—"
    return f"{value:,.2f}"
