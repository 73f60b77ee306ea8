"""The CSRF tokens of forms served from the page cache, drawn for each request: as safely as Django draws
them, at a fraction of the cost.

Django draws its secrets and masks with django.utils.crypto.get_random_string(), which calls secrets.choice() once per
character: 64 os.urandom() system calls for a new visitor's secret and the mask of the form's token. A form
served from the page cache draws both on every request (the token is a live part, core/page_cache.py),
and those calls were a third of what serving it cost. ``random_string`` draws the same thing, every
character uniform over the allowed ones from the operating system's CSPRNG, from one os.urandom() call.
"""

import os
import time
from functools import lru_cache
from http.cookies import Morsel

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware import csrf


def random_string(length, allowed_chars):
    """As get_random_string(length, allowed_chars): for up to 256 allowed characters."""
    table, rejected = _byte_table(allowed_chars)
    if table is None:
        return _random_string_of_any(length, allowed_chars)
    # bytes.translate() drops the rejected bytes and maps the others in C: no loop in Python per character.
    drawn = b""
    while len(drawn) < length:
        drawn += os.urandom(length + 8).translate(table, rejected)
    return drawn[:length].decode("ascii")


@lru_cache(maxsize=8)
def _byte_table(allowed_chars):
    """The byte -> character table of ``random_string`` and the bytes it draws again; (None, None) for
    characters outside ASCII, which a byte table cannot give."""
    if not allowed_chars.isascii():
        return None, None
    count = len(allowed_chars)
    # A byte at or above `limit` is drawn again: keeping it (byte % count) would favour the first characters.
    limit = 256 - 256 % count
    table = bytes(ord(allowed_chars[byte % count]) for byte in range(256))
    return table, bytes(range(limit, 256))


def _random_string_of_any(length, allowed_chars):
    count = len(allowed_chars)
    limit = 256 - 256 % count
    chars = []
    while len(chars) < length:
        chars += [allowed_chars[byte % count] for byte in os.urandom(length) if byte < limit]
    return "".join(chars[:length])


def form_token(request):
    """The token for a form's hidden field in a page from the cache, after CsrfViewMiddleware.process_request()
    (core/page_cache.py), which then sets the cookie when it is new (``set_cookie``).

    A visitor who sends a CSRF cookie gets get_token(request): their secret, masked with a new random
    mask, because the same secret in many compressed pages could be guessed from the pages' sizes
    (BREACH). A visitor without one gets a new secret, and the token is that secret itself, which Django
    accepts as well: it is in this one page only (their next pages carry it masked, from their cookie), so
    there is nothing to guess from sizes, and the mask, a third of what drawing the token cost, is saved.
    """
    if "CSRF_COOKIE" in request.META:
        return csrf.get_token(request)
    secret = random_string(csrf.CSRF_SECRET_LENGTH, csrf.CSRF_ALLOWED_CHARS)
    # What get_token() records for a new secret: the middleware sets the cookie from these.
    request.META.update({"CSRF_COOKIE": secret, "CSRF_COOKIE_NEEDS_UPDATE": True})
    return secret


def set_cookie(response, secret):
    """The visitor's new CSRF cookie, as CsrfViewMiddleware sets it (its settings, CSRF_COOKIE_*), less the
    Vary: Cookie it adds, which a page from the cache already carries.

    The cookie Django makes, made once a second with its attributes written out, and given the visitor's
    secret: a form from the cache sets a cookie for every new visitor, and response.set_cookie() (its expiry
    worked out, its attributes checked) and http.cookies' output of it were a fifth of serving one."""
    made = _cookie_made_at(int(time.time()))
    cookie = PreparedCookie()
    dict.update(cookie, made)  # its attributes as they are, without checking each again
    cookie.attributes = made.attributes
    cookie.set(made.key, secret, secret)  # letters and digits: nothing to quote
    response.cookies[made.key] = cookie


class PreparedCookie(Morsel):
    """A cookie whose attributes (expiry, path, SameSite...) were written out once, in ``attributes``: its
    Set-Cookie value is the name, the value and those. An attribute changed afterwards (response.set_cookie()
    on the same name changes the cookie in place) has them written out again, as any cookie's are."""

    attributes = None

    def __setitem__(self, key, value):
        self.attributes = None
        super().__setitem__(key, value)

    def setdefault(self, key, value=None):
        self.attributes = None
        return super().setdefault(key, value)

    def update(self, values):
        self.attributes = None
        super().update(values)

    def OutputString(self, attrs=None):  # noqa: N802 (http.cookies' name)
        if attrs is not None or self.attributes is None:
            return super().OutputString(attrs)
        return f"{self.key}={self.coded_value}{self.attributes}"


@lru_cache(maxsize=2)
def _cookie_made_at(second):
    made = HttpResponse()
    made.set_cookie(
        settings.CSRF_COOKIE_NAME,
        "x",  # a stand-in for the secret, which set_cookie() puts in instead
        max_age=settings.CSRF_COOKIE_AGE,
        domain=settings.CSRF_COOKIE_DOMAIN,
        path=settings.CSRF_COOKIE_PATH,
        secure=settings.CSRF_COOKIE_SECURE,
        httponly=settings.CSRF_COOKIE_HTTPONLY,
        samesite=settings.CSRF_COOKIE_SAMESITE,
    )
    cookie = made.cookies[settings.CSRF_COOKIE_NAME]
    prepared = PreparedCookie()
    dict.update(prepared, cookie)
    prepared.set(cookie.key, cookie.value, cookie.coded_value)
    prepared.attributes = cookie.OutputString().removeprefix(f"{cookie.key}={cookie.coded_value}")
    return prepared


@receiver(setting_changed)
def _forget_cookie(setting, **kwargs):
    if setting.startswith("CSRF_COOKIE"):
        _cookie_made_at.cache_clear()


def install():
    """Called by CoreConfig.ready(): Django's CSRF middleware draws its strings with random_string()."""
    csrf.get_random_string = random_string
