"""Counts page views. Listed in MIDDLEWARE above any full-page cache, so a page served from the cache is counted
too, and counting never makes a cached page uncached (it sets no cookie and no header)."""

from django.conf import settings

from visitors.counting import is_bot, record_view

SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/ckeditor/", "/display/", "/accounts/", "/visitors/")


class VisitorCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.VISITORS_COUNTING and self.counts(request, response):
            record_view(request, request.path)
        return response

    @staticmethod
    def counts(request, response):
        if request.method != "GET" or response.status_code != 200:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        if request.path.startswith(SKIPPED_PREFIXES):
            return False
        if is_bot(request.META.get("HTTP_USER_AGENT", "")):
            return False
        # Staff and council members are logged in; a page served from the cache never is (request.user unset).
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)
