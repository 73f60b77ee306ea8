"""Every app contributes its own sitemaps; this module only gathers them."""

from core.sitemaps import sitemaps as core_sitemaps
from documents.sitemaps import sitemaps as documents_sitemaps
from faq.sitemaps import sitemaps as faq_sitemaps
from forum.sitemaps import sitemaps as forum_sitemaps
from pages.sitemaps import sitemaps as pages_sitemaps
from places.sitemaps import sitemaps as places_sitemaps
from plans.sitemaps import sitemaps as plans_sitemaps
from procurement.sitemaps import sitemaps as procurement_sitemaps
from services.sitemaps import sitemaps as services_sitemaps
from staff.sitemaps import sitemaps as staff_sitemaps

SITEMAPS = {
    **pages_sitemaps,
    **places_sitemaps,
    **staff_sitemaps,
    **plans_sitemaps,
    **forum_sitemaps,
    **documents_sitemaps,
    **procurement_sitemaps,
    **services_sitemaps,
    **core_sitemaps,
    **faq_sitemaps,
}
