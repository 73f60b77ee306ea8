"""The site's WSGI application: Django's handler, except that a page the page cache keeps is served before
Django's request machinery runs.

For a kept page, Django's per-request work (the request_started and request_finished signals, which walk
every database connection and cache twice, and the whole middleware chain) cost more than the page
itself: about half of what a page from the cache took. So the handler first runs only the middlewares
listed above core.page_cache.PageCacheMiddleware in MIDDLEWARE (the request id, the visitor counter) around
core.page_cache.kept_response(); only when no page is kept does the request go the whole way, where the same
middleware renders and keeps it. A kept page never touches the database, so skipping the signals that tidy
database connections loses nothing: the next request that renders tidies them.
"""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.core.handlers.wsgi import WSGIHandler
from django.utils.module_loading import import_string

from core import page_cache
from core.logging import forget_request

PAGE_CACHE_MIDDLEWARE = "core.page_cache.PageCacheMiddleware"


class NotKept(Exception):
    """Raised through the outer middlewares when the page cache holds nothing for the request."""


def _kept_or_raise(request):
    response = page_cache.kept_response(request)
    if response is None:
        raise NotKept
    return response


class KeptPagesWSGIHandler(WSGIHandler):
    def load_middleware(self, is_async=False):
        super().load_middleware(is_async)
        self.kept_page_chain = self._outer_chain(_kept_or_raise)

    @staticmethod
    def _outer_chain(innermost):
        """The middlewares above the page cache's, wrapped around ``innermost``; None when it is not used."""
        names = list(settings.MIDDLEWARE)
        if PAGE_CACHE_MIDDLEWARE not in names:
            return None
        handler = innermost
        for path in reversed(names[: names.index(PAGE_CACHE_MIDDLEWARE)]):
            try:
                handler = import_string(path)(handler)
            except MiddlewareNotUsed:
                continue
        return handler

    def __call__(self, environ, start_response):
        if self.kept_page_chain is not None and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            content = self._serve_kept(environ, start_response)
            if content is not None:
                return content
        return super().__call__(environ, start_response)

    def _serve_kept(self, environ, start_response):
        request = self.request_class(environ)
        try:
            response = self.kept_page_chain(request)
        except NotKept:
            return None
        except Exception:  # noqa: BLE001
            # Whatever went wrong here (the shared cache unreachable, a host not allowed) happens again on
            # Django's own path, which answers and logs it as it does for any request.
            return None
        finally:
            forget_request()
        # Django's own storage of the headers (as KeptPageResponse fills it), read without going through the
        # mapping interface key by key.
        headers = [
            *response.headers._store.values(),
            *(("Set-Cookie", cookie.output(header="")) for cookie in response.cookies.values()),
        ]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        # The content, not the response: closing a response sends request_finished (see the module).
        return [response.content]
