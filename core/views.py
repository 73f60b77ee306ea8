"""Site-wide answers that belong to no section: robots.txt and the Thai error pages."""

import sys

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.cookies import site_cookies
from core.display import DisplayChoice, set_display_cookie
from core.middleware import database_unavailable, service_unavailable_response
from core.reversing import reverse


@require_GET
@cache_control(max_age=60 * 60 * 24)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /ckeditor/",
        "Disallow: /display/",
        f"Sitemap: {request.build_absolute_uri(reverse('django.contrib.sitemaps.views.sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def safe_next(request, fallback="/"):
    """The page to go back to: a path of this site only, never another site (no open redirect)."""
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@require_GET
def display_settings(request):
    """The header's text-size, contrast and grayscale links: remember the choice, go back to the same page.

    A plain GET link works with JavaScript off and keeps CSRF tokens out of every page's header; changing
    how one's own pages look is harmless to do by following a link, and robots.txt keeps crawlers out.
    """
    choice = DisplayChoice.of(request).changed(request.GET)
    response = HttpResponseRedirect(safe_next(request), status=303)
    set_display_cookie(response, choice)
    add_never_cache_headers(response)
    return response


def cookie_list(request):
    """The cookies the site sets, listed from the code (core/cookies.py), for the cookie policy."""
    return render(
        request,
        "core/cookie_list.html",
        {"cookies": site_cookies(), "breadcrumbs": [("คุกกี้ที่เว็บไซต์นี้ใช้", None)]},
    )


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
