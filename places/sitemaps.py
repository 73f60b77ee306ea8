from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from places.models import MapSheet, Place


class MapPageSitemap(Sitemap):
    """The map page; its places are entries of that page, not pages of their own."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return ["places:map"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        changes = [
            Place.objects.published().aggregate(last=Max("updated_at"))["last"],
            MapSheet.objects.published().aggregate(last=Max("updated_at"))["last"],
        ]
        return max((change for change in changes if change), default=None)


sitemaps = {"map": MapPageSitemap}
