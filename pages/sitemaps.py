from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from pages.models import Announcement, Category, Page


class StaticViewSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return ["pages:home", "pages:site_map", "pages:news"]

    def location(self, item):
        return reverse(item)


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published()

    def lastmod(self, page):
        return page.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self):
        return Category.objects.all()


class AnnouncementSitemap(Sitemap):
    changefreq = "monthly"
    limit = 1000

    def items(self):
        return Announcement.objects.published().select_related("category").order_by("-publish_at", "-pk")

    def lastmod(self, announcement):
        return announcement.updated_at


sitemaps = {
    "static": StaticViewSitemap,
    "pages": PageSitemap,
    "news-categories": CategorySitemap,
    "news": AnnouncementSitemap,
}
