"""Every app contributes its own sitemaps; this module only gathers them."""

from core.sitemaps import sitemaps as core_sitemaps
from faq.sitemaps import sitemaps as faq_sitemaps
from forum.sitemaps import sitemaps as forum_sitemaps
from pages.sitemaps import sitemaps as pages_sitemaps
from places.sitemaps import sitemaps as places_sitemaps
from plans.sitemaps import sitemaps as plans_sitemaps
from staff.sitemaps import sitemaps as staff_sitemaps

SITEMAPS = {**pages_sitemaps, **places_sitemaps, **staff_sitemaps, **plans_sitemaps, **forum_sitemaps}
# Added by the visitors branch (issue 13): kept on lines of their own so that branches merge easily.
SITEMAPS.update(core_sitemaps)
SITEMAPS.update(faq_sitemaps)
