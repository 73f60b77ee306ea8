"""Whole public pages served from a cache shared by every worker, for anonymous visitors.

Invalidation is exact and knows no URL: every entry is tagged with the site-wide *generation*, a token
kept in the cache, and any write to a table of the project's own apps (and of auth, whose names the
board shows) draws a new token, so every page is rendered afresh on its next request. The write is seen
at the SQL level (a database execute wrapper), so ``queryset.update()``, bulk operations and m2m
changes count as well as ``save()`` and ``delete()``; a new app is covered without declaring anything.

The token is drawn twice per write: at once, and again after the transaction commits. The second draw
is the one that matters between processes: a page rendered by another worker between the write and the
commit reads the old rows, and must not be kept under the new token. The first draw makes a write
visible to later requests inside the same transaction (a test case's transaction never commits).

Time matters too: a scheduled item appears when its time comes, not when the cache entry expires. The
next moment anything's visibility changes is worked out once per generation from each model's own
``published()`` (every comparison of a field with the current time in it, found in the query itself),
plus the models an app names with ``register_schedule()``, plus the next midnight (dates shown as
"today", lists of upcoming days); no entry outlives that moment.

Entries carry an ETag and a Last-Modified, and ``Cache-Control: public`` with a short ``max-age``
(0 by default: a proxy asks again every time and gets a cheap 304 while nothing changed), so a reverse
proxy or CDN in front can keep them too; ConditionalGetMiddleware answers conditional requests.

What is never cached: requests carrying a session cookie (a logged-in user, or someone with a form's
state) or a waiting message; anything but GET and HEAD; paths under PAGE_CACHE_EXCLUDED_PREFIXES; responses other
than a plain 200, that set a cookie, used the CSRF token, vary on anything but Cookie and
Accept-Language, or say private/no-store/no-cache.
"""

import datetime
import hashlib
import re
import sys
import time
import uuid
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.models import Min
from django.db.models.expressions import Col
from django.db.models.functions import Now
from django.db.models.lookups import Lookup
from django.db.models.sql import Query
from django.db.models.sql.where import WhereNode
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control
from django.utils.http import http_date

from core.display import DisplayChoice

GENERATION_KEY = "page-cache:generation"
SCHEDULE_KEY = "page-cache:schedule:{generation}"
ENTRY_KEY = "page-cache:page:{digest}"
HIT_HEADER = "X-Page-Cache"
SAFE_VARY = {"cookie", "accept-language", "accept-encoding"}
REFUSING_CACHE_CONTROL = {"private", "no-store", "no-cache"}
# Headers the middlewares above this one add again on every response, cached or not.
NOT_STORED = {"set-cookie", "content-length"}


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# --- The generation -----------------------------------------------------------------------------------


def current_generation():
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)  # the first process to ask wins
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation():
    """Every cached page is stale from now on (each will be rendered again on its next request)."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def _bump_after_commit(connection):
    # One draw per transaction is enough after the commit; the list Django keeps is searched rather than a
    # flag kept, because a rolled-back savepoint silently drops its callbacks.
    if not any(func is bump_generation for _, func, _ in connection.run_on_commit):
        connection.on_commit(bump_generation)


# --- Which writes count -------------------------------------------------------------------------------

WRITE_STATEMENT = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO)\s+"?([\w.]+)"?',
    re.IGNORECASE,
)
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE", "MERGE")


def _is_project_app(app_config):
    path = Path(app_config.path).resolve()
    base = Path(settings.BASE_DIR).resolve()
    if {"site-packages", "dist-packages"} & set(path.parts) or path.is_relative_to(Path(sys.prefix).resolve()):
        return False
    return path.is_relative_to(base)


@lru_cache(maxsize=1)
def ignored_tables():
    """Tables whose writes no public page shows: those of third-party and contrib apps (sessions, log-in
    attempts, the admin's log), except the apps named in PAGE_CACHE_WATCHED_APPS. Any other table, a
    project app's or one this list does not know, counts."""
    watched = set(settings.PAGE_CACHE_WATCHED_APPS)
    tables = set()
    for app_config in apps.get_app_configs():
        if _is_project_app(app_config) or app_config.label in watched:
            continue
        for model in app_config.get_models(include_auto_created=True):
            tables.add(model._meta.db_table.lower())
    return frozenset(tables)


def _changes_content(sql):
    head = sql.lstrip()[:10].upper()
    if not head.startswith(WRITE_VERBS):
        return False
    match = WRITE_STATEMENT.match(sql)
    if not match:
        return True  # a write we cannot read: count it
    return match.group(1).rsplit(".", 1)[-1].lower() not in ignored_tables()


class WriteWatcher:
    """A database execute wrapper: a write to a watched table draws a new generation (see the module)."""

    def __init__(self, connection):
        self.connection = connection

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if isinstance(sql, str) and _changes_content(sql):
            if self.connection.in_atomic_block:
                bump_generation()
            _bump_after_commit(self.connection)  # outside a transaction, this runs at once
        return result


def watch_connection(connection, **kwargs):
    if not any(isinstance(wrapper, WriteWatcher) for wrapper in connection.execute_wrappers):
        # First in the list: `with connection.execute_wrapper(...)` pops the last one when it ends.
        connection.execute_wrappers.insert(0, WriteWatcher(connection))


def install():
    """Called by CoreConfig.ready(): watch every database connection, present and future."""
    from django.db.backends.signals import connection_created

    connection_created.connect(watch_connection, dispatch_uid="core.page_cache.watch_connection")
    for connection in connections.all(initialized_only=True):
        watch_connection(connection)


# --- Scheduled visibility -----------------------------------------------------------------------------

_EXTRA_SCHEDULES: set[tuple[str, str]] = set()


def register_schedule(model_label, field_name):
    """An app whose pages change when a time stored in ``field_name`` passes, other than through its
    ``published()`` (which is read by itself), names the field here from its AppConfig.ready()."""
    _EXTRA_SCHEDULES.add((model_label, field_name))


def _time_fields_in(where, found):
    for child in where.children:
        if isinstance(child, WhereNode):
            _time_fields_in(child, found)
        elif isinstance(child, Lookup):
            rhs = child.rhs
            if isinstance(rhs, Query):
                _time_fields_in(rhs.where, found)
            elif isinstance(child.lhs, Col) and (isinstance(rhs, datetime.datetime | Now)):
                target = child.lhs.target
                found.add((target.model._meta.label, target.name))
        elif hasattr(child, "query") and isinstance(child.query, Query):  # Exists(), subqueries
            _time_fields_in(child.query.where, found)


@lru_cache(maxsize=1)
def schedule_fields():
    """(model label, field) pairs whose passing time changes what the public sees."""
    from core.models import PublishableQuerySet

    found = set(_EXTRA_SCHEDULES)
    for model in apps.get_models():
        queryset = model._default_manager.all()
        if not isinstance(queryset, PublishableQuerySet):
            continue
        try:
            published = queryset.published()
        except NotImplementedError:
            continue
        _time_fields_in(published.query.where, found)
    return tuple(sorted(found))


def _next_midnight(now):
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))


def next_scheduled_change(now):
    """The next moment something becomes public (or stops being): a timestamp."""
    moments = [_next_midnight(now)]
    for label, field_name in schedule_fields():
        model = apps.get_model(label)
        upcoming = model._base_manager.filter(**{f"{field_name}__gt": now}).aggregate(first=Min(field_name))["first"]
        if upcoming is not None:
            moments.append(upcoming)
    return min(moments).timestamp()


def _schedule_for(generation, now):
    cache, key = _cache(), SCHEDULE_KEY.format(generation=generation)
    moment = cache.get(key)
    if moment is None or moment <= now.timestamp():
        moment = next_scheduled_change(now)
        cache.set(key, moment, settings.PAGE_CACHE_SECONDS)
    return moment


# --- Fragments ----------------------------------------------------------------------------------------

FRAGMENT_KEY = "page-cache:fragment:{name}:{generation}"


def fragment(name, compute):
    """``compute()``, kept until the next write to any watched table: for what every page renders
    (the organisation's profile, the menu) when the page itself is rendered afresh. Computed every time
    while the page cache is off (the test settings), where a rolled-back test leaves no new generation."""
    if not settings.PAGE_CACHE_ENABLED:
        return compute()
    cache = _cache()
    key = FRAGMENT_KEY.format(name=name, generation=current_generation())
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value


# --- The middleware -----------------------------------------------------------------------------------


def _entry_key(request):
    # A page is drawn for the visitor's display choice (text size, contrast: core/display.py), one of a
    # dozen: each choice has its own copy, and an unknown cookie value counts as the default.
    display = DisplayChoice.of(request).cookie_value()
    digest = hashlib.sha256(f"{request.build_absolute_uri()}|{display}".encode()).hexdigest()
    return ENTRY_KEY.format(digest=digest)


def _request_is_cacheable(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES)):
        return False
    # Someone with a session is logged in, or holds something of their own (a form's state); a waiting
    # message sits in django.contrib.messages' cookie. They all get their own pages.
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if vary - SAFE_VARY:
        return False
    cache_control = {d.split("=", 1)[0].strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not (cache_control & REFUSING_CACHE_CONTROL)


def _set_http_caching(response, etag, last_modified, max_age):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=max(0, int(max_age)), must_revalidate=True)


class PageCacheMiddleware:
    """Place it first: a page from the cache then costs little more than bare Django. The headers of the
    middlewares below it (security headers, Vary, Content-Language, clickjacking, CSP) are kept with the
    page; an HTTP request that production redirects to HTTPS is never a 200, so it is never kept (the
    key holds the scheme). A conditional GET of a cached page is answered here with a 304."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_is_cacheable(request):
            return self.get_response(request)
        now = timezone.now()
        key = _entry_key(request)
        found = _cache().get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation()
        entry = found.get(key)
        if entry and entry["generation"] == generation and now.timestamp() < entry["expires"]:
            return self._from_entry(request, entry, now)

        # Read the clock's limit before rendering: an item published while the page renders is not in it.
        expires = min(_schedule_for(generation, now), now.timestamp() + settings.PAGE_CACHE_SECONDS)
        response = self.get_response(request)
        if request.method != "GET" or not _response_is_cacheable(request, response):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:  # logged in by the view itself
            return response
        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        rendered_at = now.timestamp()
        max_age = min(settings.PAGE_CACHE_MAX_AGE, expires - rendered_at)
        _set_http_caching(response, etag, rendered_at, max_age)
        response[HIT_HEADER] = "miss"
        timeout = int(expires - time.time())
        if timeout > 0:
            headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED and k != HIT_HEADER]
            entry = {
                "generation": generation,
                "expires": expires,
                "rendered_at": rendered_at,
                "etag": etag,
                "headers": headers,
                "content": response.content,
            }
            _cache().set(key, entry, timeout)
        return response

    @staticmethod
    def _from_entry(request, entry, now):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(entry["content"]))
        max_age = min(settings.PAGE_CACHE_MAX_AGE, entry["expires"] - now.timestamp())
        _set_http_caching(response, entry["etag"], entry["rendered_at"], max_age)
        response[HIT_HEADER] = "hit"
        # The 304 is answered here: this middleware stands above ConditionalGetMiddleware.
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=int(entry["rendered_at"]), response=response
        )
