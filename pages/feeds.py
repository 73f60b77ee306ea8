"""RSS of the latest announcements: one feed per category and one for everything (published items only).

Feed readers decode an item's description, and most its title too, as HTML once the XML is read. So plain
text goes into a description escaped as HTML (``feed_html``), and a title carries no markup at all
(``feed_plain_text``): what a clerk or a member typed reaches the reader as text, never as an element.
"""

import html
import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape, linebreaks, strip_tags
from django.utils.text import Truncator

from pages.models import Announcement, Category, SiteProfile

FEED_SIZE = 20
# What an HTML parser reads as the start of a tag, a comment or a declaration; "<" before anything else is text.
_TAG_OPENER = re.compile(r"<+(?=[A-Za-z/!?])")


def feed_plain_text(text: str | None) -> str:
    """Text without markup for a title, a category or a name: shown the same by a reader that treats it as
    text and by one that renders it as HTML."""
    text = text or ""
    plain = strip_tags(text)
    if not plain.strip():
        plain = text.replace("<", "").replace(">", "")  # a title made only of "markup" is still its words
    # strip_tags leaves an unclosed tag ("<img src=x onerror=…" at the end), which would swallow the markup
    # of the reader's page around the title: take its opening bracket away.
    return " ".join(_TAG_OPENER.sub("", plain).split())


def feed_html(text: str | None) -> str:
    """Plain text as HTML for a description: escaped, with its paragraphs and line breaks."""
    return linebreaks(text or "", autoescape=True)


def rich_text_as_plain_text(body: str | None) -> str:
    """The words of a rich-text body, entities decoded: plain text to be escaped again for a feed."""
    return " ".join(html.unescape(strip_tags(body or "")).split())


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
