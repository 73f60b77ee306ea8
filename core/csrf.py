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

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware import csrf


def random_string(length, allowed_chars):
    """As get_random_string(length, allowed_chars): for up to 256 allowed characters."""
    count = len(allowed_chars)
    # A byte at or above `limit` is drawn again: keeping it (byte % count) would favour the first characters.
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

    The cookie Django makes, made once a second and copied with the visitor's secret: a form from the cache
    sets a cookie for every new visitor, and response.set_cookie() (its expiry worked out, its attributes
    checked) was a sixth of serving one."""
    cookie = _cookie_made_at(int(time.time())).copy()
    cookie.set(settings.CSRF_COOKIE_NAME, secret, secret)  # letters and digits: nothing to quote
    response.cookies[settings.CSRF_COOKIE_NAME] = cookie


@lru_cache(maxsize=2)
def _cookie_made_at(second):
    made = HttpResponse()
    made.set_cookie(
        settings.CSRF_COOKIE_NAME,
        "",
        max_age=settings.CSRF_COOKIE_AGE,
        domain=settings.CSRF_COOKIE_DOMAIN,
        path=settings.CSRF_COOKIE_PATH,
        secure=settings.CSRF_COOKIE_SECURE,
        httponly=settings.CSRF_COOKIE_HTTPONLY,
        samesite=settings.CSRF_COOKIE_SAMESITE,
    )
    return made.cookies[settings.CSRF_COOKIE_NAME]


@receiver(setting_changed)
def _forget_cookie(setting, **kwargs):
    if setting.startswith("CSRF_COOKIE"):
        _cookie_made_at.cache_clear()


def install():
    """Called by CoreConfig.ready(): Django's CSRF middleware draws its strings with random_string()."""
    csrf.get_random_string = random_string
