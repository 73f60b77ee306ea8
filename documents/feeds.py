from django.contrib.syndication.views import Feed
from django.urls import reverse

from core.feeds import feed_html, feed_plain_text
from core.models import SiteProfile
from documents.models import Document


class LatestDocumentsFeed(Feed):
    description = "เอกสารที่เผยแพร่ล่าสุดในศูนย์ข้อมูลข่าวสาร"

    def title(self):
        profile = SiteProfile.current()
        return feed_plain_text(f"ศูนย์ข้อมูลข่าวสาร {profile.short_name or profile.name}")

    def link(self):
        return reverse("documents:index")

    def items(self):
        return Document.objects.published().select_related("doc_type").order_by("-issue_date", "-pk")[:30]

    def item_title(self, item):
        return feed_plain_text(item.title)

    def item_description(self, item):
        return feed_html(f"{item.doc_type.name} · ปีงบประมาณ {item.fiscal_year}\n\n{item.summary}")

    def item_categories(self, item):
        return [feed_plain_text(item.doc_type.name)]

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
