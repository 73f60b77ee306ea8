"""The WSGI application serves a page the page cache keeps before Django's request machinery runs
(core/wsgi.py), and the visitor cannot tell: same page, same headers, same rules as the middleware's."""

import re
import wsgiref.util

import pytest
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import page_cache
from core.wsgi import KeptPagesWSGIHandler
from tests.core_tests.test_page_cache import site  # noqa: F401  (a fixture)

HIT = page_cache.HIT_HEADER
BROWSER = "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


class Answer:
    def __init__(self, status, headers, body):
        self.status_code = int(status.split()[0])
        self.header_list = headers
        self.headers = {name.lower(): value for name, value in headers}
        self.body = body

    def __getitem__(self, name):
        return self.headers[name.lower()]

    def get(self, name, default=None):
        return self.headers.get(name.lower(), default)

    def cookie(self, name):
        for header, value in self.header_list:
            if header == "Set-Cookie" and value.strip().startswith(f"{name}="):
                return value.strip().split(";")[0].split("=", 1)[1]
        return None


@pytest.fixture
def application(page_cache_on):  # noqa: F811
    # As Django's test client does: the test's transaction holds the connection, which the handler's
    # request_started/request_finished would otherwise close (on PostgreSQL, for good).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield KeptPagesWSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def wsgi_get(application, path, **meta):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_HOST": "testserver", "HTTP_USER_AGENT": BROWSER}
    environ.update(meta)
    wsgiref.util.setup_testing_defaults(environ)
    answered = []
    body = application(environ, lambda status, headers, exc_info=None: answered.append((status, headers)))
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return Answer(*answered[0], content)


def hidden(body, name):
    return re.search(rf'name="{name}" value="([^"]*)"', body.decode()).group(1)


def test_a_kept_page_is_served_without_sql_with_the_headers_it_was_kept_with(application, site):  # noqa: F811
    rendered = Client().get("/news/")
    assert rendered[HIT] == "miss"
    with CaptureQueriesContext(connection) as queries:
        served = wsgi_get(application, "/news/")
    assert len(queries) == 0
    assert served.status_code == 200 and served[HIT] == "hit"
    assert served.body == rendered.content
    for header in ("Content-Type", "Content-Security-Policy", "X-Frame-Options", "Vary", "ETag", "Cache-Control"):
        assert served[header] == rendered[header], header
    assert served["Content-Length"] == str(len(served.body))
    assert re.fullmatch(r"[0-9a-f]{32}", served["X-Request-ID"])


def test_only_a_page_not_yet_kept_goes_through_djangos_request_machinery(application, site):  # noqa: F811
    started = []

    def count(**kwargs):
        started.append(1)

    request_started.connect(count)
    try:
        first = wsgi_get(application, "/news/")
        assert (first.status_code, first[HIT], len(started)) == (200, "miss", 1)
        assert "ประกาศรับสมัครงาน" in first.body.decode()
        assert (wsgi_get(application, "/news/")[HIT], len(started)) == ("hit", 1)
    finally:
        request_started.disconnect(count)


def test_an_edit_shows_on_the_next_request(application, site):  # noqa: F811
    wsgi_get(application, "/news/")
    site.title = "ประกาศฉบับแก้ไข"
    site.save()
    edited = wsgi_get(application, "/news/")
    assert edited[HIT] == "miss" and "ประกาศฉบับแก้ไข" in edited.body.decode()


def test_a_visitor_with_a_session_gets_a_page_of_their_own(application, site):  # noqa: F811
    wsgi_get(application, "/news/")
    own = wsgi_get(application, "/news/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert own.status_code == 200 and own.get(HIT) is None


def test_a_host_that_is_not_allowed_gets_djangos_400(application, site):  # noqa: F811
    wsgi_get(application, "/news/")
    assert wsgi_get(application, "/news/", HTTP_HOST="evil.example").status_code == 400


def test_a_conditional_get_of_an_unchanged_page_is_answered_304(application, site):  # noqa: F811
    etag = wsgi_get(application, "/news/")["ETag"]
    not_modified = wsgi_get(application, "/news/", HTTP_IF_NONE_MATCH=etag)
    assert (not_modified.status_code, not_modified.body) == (304, b"")


def test_the_request_id_of_the_proxy_in_front_is_kept(application, site):  # noqa: F811
    wsgi_get(application, "/news/")
    served = wsgi_get(application, "/news/", HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
    assert served[HIT] == "hit" and served["X-Request-ID"] == "nginx-0123456789abcdef"


def test_a_form_gets_a_token_of_the_visitors_own_that_django_accepts(application, site):  # noqa: F811
    from services.models import SurveyQuestion

    SurveyQuestion.objects.create(text="ความพึงพอใจโดยรวม", scope=SurveyQuestion.Scope.BOTH, order=1)
    survey = reverse("services:survey")
    rendered = wsgi_get(application, survey)
    served = wsgi_get(application, survey)
    assert (rendered[HIT], served[HIT]) == ("miss", "hit")
    token, secret = hidden(served.body, "csrfmiddlewaretoken"), served.cookie(settings.CSRF_COOKIE_NAME)
    assert secret and token != hidden(rendered.body, "csrfmiddlewaretoken")
    assert "private" in served["Cache-Control"]

    visitor = Client(enforce_csrf_checks=True)
    visitor.cookies[settings.CSRF_COOKIE_NAME] = secret
    assert visitor.post(survey, {"csrfmiddlewaretoken": token}).status_code != 403
    stranger = Client(enforce_csrf_checks=True)
    stranger.cookies[settings.CSRF_COOKIE_NAME] = wsgi_get(application, survey).cookie(settings.CSRF_COOKIE_NAME)
    assert stranger.post(survey, {"csrfmiddlewaretoken": token}).status_code == 403


def test_a_view_of_a_kept_page_is_counted(application, site, settings):  # noqa: F811
    from visitors import counting
    from visitors.models import DailyVisits

    settings.VISITORS_COUNTING = True
    counting.forget_this_worker()
    wsgi_get(application, "/news/")
    assert wsgi_get(application, "/news/", REMOTE_ADDR="192.0.2.7")[HIT] == "hit"
    counting.flush()
    assert DailyVisits.objects.get().page_views == 2
    counting.forget_this_worker()  # its totals, remembered for a few seconds, are not the next test's
