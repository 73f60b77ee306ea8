"""Site-wide answers that belong to no section: robots.txt and the Thai error pages."""

import sys

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.middleware import database_unavailable, service_unavailable_response


@require_GET
@cache_control(max_age=60 * 60 * 24)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /ckeditor/",
        f"Sitemap: {request.build_absolute_uri(reverse('django.contrib.sitemaps.views.sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: usually a page left open too long, or cookies off."""
    return render(request, "403_csrf.html", status=403)


def staff_are_notified():
    """Whether an error reaches a person: mail to ADMINS, or Sentry. The 500 page says so only when it does."""
    return bool(settings.ADMINS) or bool(getattr(settings, "SENTRY_DSN", ""))


def server_error(request):
    # An unreachable database raised outside a view (another middleware, the session) still gets the 503 page.
    error = sys.exc_info()[1]
    if error is not None and database_unavailable(error):
        return service_unavailable_response()
    # No context processors: the database may be the thing that failed.
    body = loader.get_template("500.html").render({"staff_notified": staff_are_notified()})
    return HttpResponse(body, status=500)
