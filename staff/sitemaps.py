from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from staff.models import Unit


class OrganisationPagesSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return ["staff:chart", "staff:executives", "staff:council", "staff:directory", "staff:contact"]

    def location(self, name):
        return reverse(name)


class UnitSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        # The executives and the council are already listed above, at their own pages.
        return Unit.objects.published().exclude(kind__in=[Unit.Kind.EXECUTIVE, Unit.Kind.COUNCIL]).order_by("pk")

    def lastmod(self, unit):
        return unit.updated_at


sitemaps = {"organisation": OrganisationPagesSitemap, "organisation-units": UnitSitemap}
