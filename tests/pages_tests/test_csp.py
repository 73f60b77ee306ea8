"""The public site runs under a strict Content-Security-Policy that forbids inline script and style, and its
HTML needs nothing more; only the admin and CKEditor's URLs get the relaxed policy CKEditor 4 needs."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client

from pages.models import Announcement, Page
from tests.pages_tests.builders import clerk

pytestmark = pytest.mark.django_db

SCRIPT_URL_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data"}


def directives(response):
    """The policy as {directive: [sources]}."""
    policy = response["Content-Security-Policy"]
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {name: sources for name, *sources in parts}


class InlineCodeScan(HTMLParser):
    """What a strict CSP would block in a page, or what would run if it did not: inline scripts, style
    attributes and elements, event handlers and script URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            # JSON handed to a script file (json_script) is data, not code; everything else must be a static file.
            is_data = attributes.get("type") == "application/json"
            source = attributes.get("src") or ""
            if source and not source.startswith(settings.STATIC_URL):
                self.problems.append(f"<script> from elsewhere than our static files: {source!r}")
            self._script = {"is_data": is_data, "text": ""}
        if tag == "style":
            self.problems.append("<style> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.problems.append(f"<{tag} style={value!r}>")
            normalised = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and normalised.startswith(SCRIPT_URL_SCHEMES):
                self.problems.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if not self._script["is_data"] and self._script["text"].strip():
                self.problems.append(f"inline script code: {self._script['text'].strip()[:80]!r}")
            self._script = None


def inline_code_problems(html):
    scan = InlineCodeScan()
    scan.feed(html)
    scan.close()
    return scan.problems


def public_urls():
    with_gallery = Announcement.objects.published().filter(gallery__isnull=False).first()
    with_attachments = Announcement.objects.published().filter(attachments__isnull=False).first()
    return [
        "/",
        "/news/",
        "/news/activities/",
        "/news/resolutions/",
        "/news/activities/?page=2",
        with_gallery.get_absolute_url(),
        with_attachments.get_absolute_url(),
        "/pages/vision-mission/",
        "/pages/general-information/",
        "/sitemap/",
        "/no-such-page/",  # the 404 page too
    ]


def test_public_pages_send_the_strict_policy(demo_content):
    for url in public_urls():
        response = Client().get(url)
        assert response.status_code in (200, 404), url
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], url
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
        assert "unsafe-eval" not in response["Content-Security-Policy"], url


def test_public_html_has_no_inline_script_and_no_style_attribute(demo_content):
    for url in public_urls():
        html = Client().get(url).content.decode()
        assert inline_code_problems(html) == [], url


def test_the_scan_finds_what_the_strict_policy_would_block():
    html = (
        '<script src="/static/js/site.js"></script><script type="application/json">{"a": 1}</script>'
        '<script src="https://cdn.example/x.js"></script><script>alert(1)</script>'
        "<p style='color:red' onclick='x()'><a href=' JavaScript:alert(1)'>a</a></p>"
    )
    assert inline_code_problems(html) == [
        "<script> from elsewhere than our static files: 'https://cdn.example/x.js'",
        "inline script code: 'alert(1)'",
        "<p style='color:red'>",
        "<p onclick='x()'>",
        "<a href=' JavaScript:alert(1)'>",
    ]


def test_the_admin_and_ckeditor_get_the_relaxed_policy_ckeditor_needs(demo_content):
    staff = Client()
    staff.force_login(clerk("page-clerk", models=("page",)))
    vision = Page.objects.get(slug="vision-mission")
    responses = {
        "/admin/login/": Client().get("/admin/login/"),
        "page change form": staff.get(f"/admin/pages/page/{vision.pk}/change/"),
        "/ckeditor/browse/": staff.get("/ckeditor/browse/"),
        "/ckeditor/upload/": staff.post("/ckeditor/upload/", {}),
    }
    for name, response in responses.items():
        assert response.status_code == 200, name
        policy = directives(response)
        assert "'unsafe-inline'" in policy["script-src"] and "'unsafe-inline'" in policy["style-src"], name
        # Relaxed only as far as CKEditor needs: still no eval, no plugins, no framing, no other origin's script.
        assert "unsafe-eval" not in response["Content-Security-Policy"], name
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], name
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], name


def test_only_the_admin_and_ckeditor_paths_are_relaxed(demo_content):
    # A clerk's page whose address merely contains those words stays strict.
    Page.objects.create(title="ผู้ดูแลระบบ", slug="admin", status=Page.Status.PUBLISHED)
    response = Client().get("/pages/admin/")
    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]


@pytest.mark.parametrize("path", ["/", "/news/", "/does-not-exist/", "/admin/login/", "/ckeditor/upload/"])
def test_each_response_gets_the_policy_django_csp_builds_for_it(path, client):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.test import RequestFactory

    from core.csp import PathAwareCSPMiddleware

    client.get("/")  # the public policy remembered first: the relaxed one must not be taken for it
    for _ in range(2):  # built the first time, remembered the second
        response = client.get(path)
        expected = CSPMiddleware.process_response(
            PathAwareCSPMiddleware(lambda request: None), RequestFactory().get(path), HttpResponse()
        )
        assert response["Content-Security-Policy"] == expected["Content-Security-Policy"]


def test_a_change_of_the_policy_in_the_settings_shows_on_the_next_response(client, settings):
    client.get("/")  # the policy remembered
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "https://tiles.example"]}
    }
    assert directives(client.get("/"))["img-src"] == ["'self'", "https://tiles.example"]


def test_a_view_that_changes_its_own_policy_keeps_its_change(rf):
    from django.http import HttpResponse

    from core.csp import PathAwareCSPMiddleware

    middleware = PathAwareCSPMiddleware(lambda request: HttpResponse())
    plain = middleware.process_response(rf.get("/"), HttpResponse())
    changed = HttpResponse()
    changed._csp_update = {"img-src": ["https://example.org"]}
    updated = middleware.process_response(rf.get("/"), changed)
    assert "https://example.org" in updated["Content-Security-Policy"]
    assert "https://example.org" not in plain["Content-Security-Policy"]
