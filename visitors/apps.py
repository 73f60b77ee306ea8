import re

from django.apps import AppConfig


class VisitorsConfig(AppConfig):
    name = "visitors"
    verbose_name = "สถิติผู้เยี่ยมชม"

    def ready(self):
        from core.page_cache import register_live_part
        from visitors.templatetags.visitor_tags import LIVE_END, LIVE_START, live_counter

        # A page from the page cache shows today's counts, not those of when it was rendered.
        register_live_part(
            "visitor-counter",
            re.escape(LIVE_START.encode()) + rb"(?P<live>.*?)" + re.escape(LIVE_END.encode()),
            live_counter,
            marker=LIVE_START.encode(),
        )
