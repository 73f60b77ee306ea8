from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class CoreSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return ["core:cookies"]

    def location(self, item):
        return reverse(item)


sitemaps = {"core": CoreSitemap}
