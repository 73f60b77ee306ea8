from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class FaqSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return ["faq:index"]

    def location(self, item):
        return reverse(item)


sitemaps = {"faq": FaqSitemap}
