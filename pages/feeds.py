"""RSS of the latest announcements: one feed per category and one for everything (published items only).

Feed readers decode an item's description, and most its title too, as HTML once the XML is read. So plain
text goes into a description escaped as HTML (``feed_html``), and a title carries no markup at all
(``feed_plain_text``): what a clerk or a member typed reaches the reader as text, never as an element.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator

from core.feeds import feed_html, feed_plain_text, rich_text_as_plain_text
from core.models import SiteProfile
from pages.models import Announcement, Category

FEED_SIZE = 20


def latest(queryset):
    return queryset.published().select_related("category").order_by("-publish_at", "-pk")[:FEED_SIZE]


class LatestAnnouncementsFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "th"

    def title(self):
        return feed_plain_text(f"ข่าวสาร {SiteProfile.current().short_name}")

    def link(self):
        return reverse("pages:news")

    def description(self):
        return "ข่าวสาร กิจกรรม และประกาศล่าสุดทุกหมวด"

    def items(self):
        return latest(Announcement.objects.all())

    def item_title(self, item):
        return feed_plain_text(item.title)

    def item_description(self, item):
        text = item.summary or rich_text_as_plain_text(item.body)
        return feed_html(Truncator(text).chars(500))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [feed_plain_text(item.category.title)]


class CategoryFeed(LatestAnnouncementsFeed):
    def get_object(self, request, category):
        return get_object_or_404(Category, slug=category)

    def title(self, category):
        return feed_plain_text(f"{category.title} — {SiteProfile.current().short_name}".strip(" —"))

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return escape(category.description or f"เรื่องล่าสุดในหมวด{feed_plain_text(category.title)}")

    def items(self, category):
        return latest(Announcement.objects.filter(category=category))
