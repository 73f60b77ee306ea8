"""Request ids, the Permissions-Policy and Content-Language headers, conditional GETs, and a Thai 503 page while
the database is unreachable."""

import logging
import os
import re

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware import http
from django.template import loader

from core import page_cache
from core.logging import current_request

logger = logging.getLogger("core.database")

REQUEST_ID_HEADER = "X-Request-ID"
# An id sent by the proxy in front (nginx's $request_id) is kept so that both logs share it; anything
# else (too long, odd characters that could forge log lines) is replaced by our own.
_ACCEPTABLE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# SQLSTATEs that mean "the server went away or is not accepting connections", as opposed to a deadlock or a
# cancelled statement (also OperationalError, but a fault of this request, not of the database's availability).
_UNAVAILABLE_SQLSTATES = {"57P01", "57P02", "57P03"}


class RequestIdMiddleware:
    """Gives every request an id, sends it back as X-Request-ID, and makes it known to the log formatter.

    Keep it first in MIDDLEWARE so that every other middleware's log lines carry the id.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")  # not request.headers: it copies every header
        # 32 random hex digits, as uuid4().hex has them, without building a UUID on every request.
        request.request_id = incoming if _ACCEPTABLE_REQUEST_ID.match(incoming) else os.urandom(16).hex()
        current_request.set(request)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


class PermissionsPolicyMiddleware:
    """Turns off browser features the site never uses (camera, microphone, payment...), see PERMISSIONS_POLICY."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.setdefault("Permissions-Policy", self.header)
        return response


class ContentLanguageMiddleware:
    """Says every page is in the site's one language (LANGUAGE_CODE, Thai), where LocaleMiddleware would work
    out a language from each request's Accept-Language and send ``Vary: Accept-Language``: with one language
    in LANGUAGES both only cost time (a tenth of a millisecond a page), and the Vary made a proxy keep a copy
    of each page per browser language. A site that adds a language puts LocaleMiddleware back."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.language = settings.LANGUAGE_CODE

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", self.language)
        return response


def database_unavailable(exception):
    """True when the exception says the database cannot be reached, not that this request did something wrong."""
    if isinstance(exception, InterfaceError):
        return True
    if not isinstance(exception, OperationalError):
        return False
    sqlstate = getattr(exception.__cause__, "pgcode", None)
    return sqlstate is None or sqlstate.startswith("08") or sqlstate in _UNAVAILABLE_SQLSTATES


def service_unavailable_response():
    """The Thai 503 page with Retry-After; rendered without a request, so nothing touches the database."""
    retry_after = int(getattr(settings, "DATABASE_UNAVAILABLE_RETRY_AFTER", 30))
    body = loader.get_template("503.html").render({"retry_after": retry_after})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """While the database is unreachable a view answers 503 ("ระบบขัดข้องชั่วคราว") with Retry-After, not 500.

    Errors raised outside a view (another middleware, saving the session) reach core.views.server_error,
    which answers the same way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_unavailable(exception):
            return None
        logger.error("ฐานข้อมูลไม่พร้อมใช้งาน: %s", exception, exc_info=exception)
        response = service_unavailable_response()
        # Logged just above (with the traceback, throttled); Django need not log the 503 a second time.
        response._has_been_logged = True
        return response


class ConditionalGetMiddleware(http.ConditionalGetMiddleware):
    """Django's, but a page the page cache may keep is left to it: it makes the page's ETag anyway (of the page
    without its live parts), answers the 304 itself, and answers as Django does when it does not keep the
    page (core.page_cache). Hashing the page here too was a hundredth of its first render after an edit."""

    def process_response(self, request, response):
        if page_cache.leaves_conditional_requests_to_the_page_cache(request):
            return response
        return super().process_response(request, response)
