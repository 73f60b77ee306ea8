from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from visitors.counting import counter_totals

register = template.Library()

# The counter in a page kept by the page cache is drawn again for each visitor (visitors/apps.py).
LIVE_START, LIVE_END = "<!--live:visitor-counter-->", "<!--/live:visitor-counter-->"


def counter_html(totals):
    return render_to_string("visitors/counter.html", {"totals": totals})


@register.simple_tag
def visitor_counter():
    """The footer's วันนี้ / เดือนนี้ / ทั้งหมด, from the cached totals only: never a query while drawing a page.
    Drawn as for a page from the page cache (live_counter): a page rendered afresh shows what they show."""
    return mark_safe(LIVE_START + live_counter(None) + LIVE_END)


_drawn = (object(), "")  # nothing drawn yet


def live_counter(request):
    """The counter for a page from the page cache: drawn again only when the totals it reads change."""
    global _drawn
    totals = counter_totals()
    if _drawn[0] is not totals:
        _drawn = (totals, counter_html(totals))
    return _drawn[1]
