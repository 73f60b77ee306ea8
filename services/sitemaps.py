from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from services.models import PublishedQuestion, RequestKind


class ServicePagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["services:index", "services:track_lookup", "services:statistics_index", "services:questions",
                "services:survey", "services:privacy"]  # fmt: skip

    def location(self, name):
        return reverse(name)


class RequestFormSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return RequestKind.objects.published().order_by("pk")

    def lastmod(self, kind):
        return kind.updated_at


class QuestionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return PublishedQuestion.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


sitemaps = {"services": ServicePagesSitemap, "service_forms": RequestFormSitemap, "service_questions": QuestionSitemap}
