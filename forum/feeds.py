"""RSS of the latest topics: one feed per board, and one for the whole discussion board."""

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from core.feeds import feed_plain_text
from core.models import SiteProfile
from forum.models import Board, Post, Topic
from forum.text import render_plain_text

FEED_SIZE = 20


def latest_topics(queryset):
    """Newest topics first, each with its opening post's text (hidden posts never reach a feed)."""
    opening = Post.objects.published().filter(topic=OuterRef("pk")).order_by("created_at", "pk")
    return (
        queryset.published()
        .select_related("author", "board")
        .annotate(opening_text=Subquery(opening.values("body")[:1]))
        .order_by("-created_at", "-pk")[:FEED_SIZE]
    )


class LatestTopicsFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "th"

    def title(self):
        profile = SiteProfile.current()
        return feed_plain_text(f"กระดานสนทนา {profile.short_name}")

    def link(self):
        return reverse("forum:index")

    def description(self):
        return "กระทู้ใหม่ล่าสุดในกระดานสนทนา"

    def items(self):
        return latest_topics(Topic.objects.all())

    def item_title(self, item):
        return feed_plain_text(item.title)

    def item_description(self, item):
        # A member's plain text as the topic page shows it: escaped, paragraphs kept, web addresses as links.
        text = item.opening_text or ""
        return render_plain_text(text if len(text) <= 500 else text[:499] + "…")

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_author_name(self, item):
        if not item.author:
            return None
        return feed_plain_text(item.author.get_full_name() or item.author.get_username())

    def item_categories(self, item):
        return [feed_plain_text(item.board.title)]


class BoardFeed(LatestTopicsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Board.objects.published(), slug=slug)

    def title(self, obj):
        return f"{feed_plain_text(obj.title)} — {super().title()}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return escape(obj.description or f"กระทู้ใหม่ล่าสุดในห้อง {feed_plain_text(obj.title)}")

    def items(self, obj):
        return latest_topics(Topic.objects.filter(board=obj))
