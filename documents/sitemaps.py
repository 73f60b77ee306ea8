from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from documents.models import AssessmentYear, Document, DocumentType


class DocumentCentreSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return ["documents:index", "documents:ita_index"]

    def location(self, item):
        return reverse(item)


class DocumentTypeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return DocumentType.objects.all()


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 1000

    def items(self):
        return Document.objects.published().order_by("-issue_date", "-pk")

    def lastmod(self, document):
        return document.updated_at


class AssessmentYearSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return AssessmentYear.objects.published()

    def lastmod(self, year):
        return year.updated_at


sitemaps = {
    "documents-centre": DocumentCentreSitemap,
    "document-types": DocumentTypeSitemap,
    "documents": DocumentSitemap,
    "ita": AssessmentYearSitemap,
}
