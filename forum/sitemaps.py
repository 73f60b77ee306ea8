from django.contrib.sitemaps import Sitemap

from forum.models import Board, Topic


class BoardSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.4

    def items(self):
        return Board.objects.published()

    def lastmod(self, board):
        return board.last_post_at or board.updated_at


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.3
    limit = 1000

    def items(self):
        return Topic.objects.published().order_by("-last_post_at", "-pk")

    def lastmod(self, topic):
        return topic.last_post_at or topic.updated_at


sitemaps = {"forum-boards": BoardSitemap, "forum-topics": TopicSitemap}
