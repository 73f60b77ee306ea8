"""RSS of the latest announcements: one feed per category and one for everything (published items only)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator

from core.models import SiteProfile
from pages.models import Announcement, Category

FEED_SIZE = 20


def latest(queryset):
    return queryset.published().select_related("category").order_by("-publish_at", "-pk")[:FEED_SIZE]


class LatestAnnouncementsFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "th"

    def title(self):
        return f"ข่าวสาร {SiteProfile.current().short_name}".strip()

    def link(self):
        return reverse("pages:news")

    def description(self):
        return "ข่าวสาร กิจกรรม และประกาศล่าสุดทุกหมวด"

    def items(self):
        return latest(Announcement.objects.all())

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Plain text: the feed generator escapes it, and readers never run the page's HTML.
        text = item.summary or " ".join(strip_tags(item.body).split())
        return Truncator(text).chars(500)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.title]


class CategoryFeed(LatestAnnouncementsFeed):
    def get_object(self, request, category):
        return get_object_or_404(Category, slug=category)

    def title(self, category):
        return f"{category.title} — {SiteProfile.current().short_name}".strip(" —")

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return category.description or f"เรื่องล่าสุดในหมวด{category.title}"

    def items(self, category):
        return latest(Announcement.objects.filter(category=category))
