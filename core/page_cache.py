"""Whole public pages served from a cache shared by every worker, for anonymous visitors.

Invalidation is exact and knows no URL: each table has a *version*, a token kept where every worker
reads it, and any write to a table of the project's own apps (and of auth, whose names the board shows)
draws a new version of that table. A page is kept with the versions of every table its render read (the
view's queries, the template's, and the tables behind whatever came from a cache instead: the shell's
data, kept parts of pages), and served only while they are all unchanged: an edit of a news item renders
again the pages that show news, and no other. The write is seen at the SQL level (a database execute
wrapper), so ``queryset.update()``, bulk operations and m2m changes count as well as ``save()`` and
``delete()``; a new app is covered without declaring anything. A write whose table cannot be named draws
every version anew, as each start of the application does (jomthong_site/wsgi.py).

A version is drawn twice per write: at once, and again after the transaction commits. The second draw is
the one that matters between processes: a page rendered by another worker between the write and the
commit reads the old rows, and must not be kept under the new version. The first draw makes a write
visible to later requests inside the same transaction (a test case's transaction never commits). Beside
the versions, any write draws a new *generation*: a page (or a part of one) is kept only if the generation
did not change while it rendered, since it may have read rows from before and after the write.

What is computed from a few tables alone is kept on the same terms: the shell's data (the organisation's
profile, the menu: ``fragment()``), the schedule below, and the rendered parts of pages (core/parts.py).
So a page rendered afresh after an edit of a news item does not ask for the profile again.

Time matters too: a scheduled item appears when its time comes, not when the cache entry expires. The
next moment anything's visibility changes is worked out (again after a write to one of their tables)
from each model's own ``published()`` (every comparison of a field with the current time in it, found
in the query itself), plus the models an app names with ``register_schedule()``, plus the next midnight
(dates shown as "today", lists of upcoming days); no entry outlives that moment.

Entries carry an ETag and a Last-Modified, and ``Cache-Control: public`` with a short ``max-age``
(0 by default: a proxy asks again every time and gets a cheap 304 while nothing changed), so a reverse
proxy or CDN in front can keep them too; conditional requests get their 304 here.

What is never cached: requests carrying a session cookie (a logged-in user, or someone with a form's
state) or a waiting message; anything but GET and HEAD; paths under PAGE_CACHE_EXCLUDED_PREFIXES; responses other
than a plain 200, that set a cookie, used the CSRF token, vary on anything but Cookie and
Accept-Language, or say private/no-store/no-cache.
"""

import contextlib
import contextvars
import datetime
import hashlib
import logging
import math
import mmap
import os
import pickle
import re
import secrets
import sys
import time
import uuid
import zlib
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.expressions import Col
from django.db.models.functions import Now
from django.db.models.lookups import Lookup
from django.db.models.sql import Query
from django.db.models.sql.where import WhereNode
from django.dispatch import receiver
from django.http import HttpResponse
from django.http.cookie import SimpleCookie
from django.http.response import ResponseHeaders
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import http_date

from core.display import DISPLAY_COOKIE, DisplayChoice
from core.write_behind import WriteBehind

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
SCHEDULE_KEY = "page-cache:schedule:v3:{table}:{version}"
TABLE_VERSION_KEY = "page-cache:table-version:{slot}"
# Slot 0 holds the generation; slot 1 the release's version (release_version()); the others, the versions
# of the tables, each table in the slot its name hashes to (core.page_cache.table_versions). Tables that
# share a slot make each other's pages render again: work, never a stale page. With 1,024 slots (16 KiB of
# file) the project's tables all have slots of their own; with 64 the menu shared one with staff positions.
SLOTS = 1024
GENERATION_SLOT, RELEASE_SLOT, FIRST_TABLE_SLOT = 0, 1, 2
# After the slots, a mark per group of pages (the page's key hashes to its group), drawn anew whenever a worker
# of this host keeps one of them (_lookup). 4,096 marks of 8 bytes: 32 KiB more of file.
PAGE_MARKS = 4096
ENTRY_KEY = "page-cache:page:v4:{digest}"
HIT_HEADER = "X-Page-Cache"
SAFE_VARY = {"cookie", "accept-language", "accept-encoding"}
REFUSING_CACHE_CONTROL = {"private", "no-store", "no-cache"}
# Headers the middlewares above this one add again on every response, cached or not.
NOT_STORED = {"set-cookie", "content-length", "x-request-id"}


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# --- The generation -----------------------------------------------------------------------------------


class HostGeneration:
    """The generation, and the versions of the tables (see table_versions()), kept in a small file that every
    worker of this machine maps into its memory.

    Reading it is a memory read rather than a round trip to Redis, which was most of what a page from the
    cache cost; a token written by one worker is seen by every other at once (the pages are one shared
    mapping of the file). Sixteen bytes of zeros in a slot mean "none drawn yet". A torn read, were one
    possible, would only give a token nothing was kept under: a fresh render, never a stale page.
    """

    SIZE = 16 * SLOTS + 8 * PAGE_MARKS

    def __init__(self, path):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Never through a symbolic link (the default lies in the shared temporary folder), and writable by
        # every user that runs the site's code: a management command run as root must not lock the workers
        # out. Writing it only ever makes pages render again.
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
        try:
            if os.fstat(descriptor).st_size < self.SIZE:
                os.ftruncate(descriptor, self.SIZE)
            with contextlib.suppress(PermissionError):  # someone else's file: they made it writable
                os.fchmod(descriptor, 0o666)
            self._map = mmap.mmap(descriptor, self.SIZE)
        finally:
            os.close(descriptor)

    def read(self, slot=0):
        token = self._map[16 * slot : 16 * slot + 16]
        return None if token == bytes(16) else token.hex()

    def read_many(self, slots):
        """The tokens of these slots (None for a slot not drawn yet), one slice of memory each."""
        view = self._map
        tokens = tuple(view[16 * slot : 16 * slot + 16].hex() for slot in slots)
        return tokens if UNDRAWN not in tokens else tuple(None if token == UNDRAWN else token for token in tokens)

    def write(self, token, slot=0):
        self._map[16 * slot : 16 * slot + 16] = bytes.fromhex(token)

    def _page_mark_at(self, key):
        return 16 * SLOTS + 8 * (zlib.crc32(key.encode()) % PAGE_MARKS)

    def page_mark(self, key):
        at = self._page_mark_at(key)
        return self._map[at : at + 8]

    def new_page_mark(self, key):
        at = self._page_mark_at(key)
        self._map[at : at + 8] = mark = secrets.token_bytes(8)
        return mark


UNDRAWN = bytes(16).hex()


@lru_cache(maxsize=4)
def _host_generation(path):
    return HostGeneration(path)


def _generation_file():
    """The file of this host's generation, or None when it is kept in the shared cache (several machines)."""
    return settings.PAGE_CACHE_GENERATION_FILE or None


def _slot_of(table):
    # Tables that share a slot make each other's fragments be computed again: work, never a stale page.
    return FIRST_TABLE_SLOT + zlib.crc32(table.lower().encode()) % (SLOTS - FIRST_TABLE_SLOT)


def _slot_key(slot):
    return GENERATION_KEY if slot == 0 else TABLE_VERSION_KEY.format(slot=slot)


def _token(slot):
    path = _generation_file()
    if path:
        host = _host_generation(path)
        token = host.read(slot)
        if token is None:
            host.write(uuid.uuid4().hex, slot)
            token = host.read(slot)
        return token
    cache, key = _cache(), _slot_key(slot)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, None)  # the first process to ask wins
        token = cache.get(key)
    # A cache that keeps nothing (Redis unreachable: core/cache.py) gives a token nothing is kept under, so
    # that no worker's own copy is ever taken for current.
    return token or uuid.uuid4().hex


def current_generation():
    return _token(GENERATION_SLOT)


def release_version():
    """Drawn again only when every version is (bump_generation() with no tables: at each start of the
    application, jomthong_site/wsgi.py), never by an edit: what was rendered from no table at all (core/parts.py)
    is kept until then."""
    return _token(RELEASE_SLOT)


def table_versions(tables):
    """The versions of these tables: each changes whenever its table is written (as the generation does,
    at once and again after the commit). What was computed from the tables alone (the pages, the shell's
    data, the schedule, the rendered parts of pages: core/parts.py) is kept across writes to the others."""
    return slot_versions(_slots_of(tables))


def _slots_of(tables):
    return sorted({_slot_of(table) for table in tables})


def dependencies(tables):
    """The slots an entry rendered from ``tables`` is checked against (slot_versions()): its tables', and
    the release's, so that what read no table at all is still kept only until the application starts again
    (a later release may render it otherwise)."""
    return (RELEASE_SLOT, *_slots_of(tables))


def slot_versions(slots):
    """The tokens of these slots, in order: memory reads with a generation file, else one round trip."""
    path = _generation_file()
    if path:
        tokens = _host_generation(path).read_many(slots)
        return (
            tokens
            if None not in tokens
            else tuple(token or _token(slot) for slot, token in zip(slots, tokens, strict=True))
        )
    if len(slots) < 2:
        return tuple(_token(slot) for slot in slots)
    kept = _cache().get_many([_slot_key(slot) for slot in slots])  # one round trip, not one per table
    return tuple(kept.get(_slot_key(slot)) or _token(slot) for slot in slots)


def bump_generation(tables=None):
    """Every cached page is stale from now on (each will be rendered again on its next request), and so is
    what was computed from ``tables`` (None: from any table)."""
    slots = range(SLOTS) if tables is None else sorted({GENERATION_SLOT, *map(_slot_of, tables)})
    tokens = {slot: uuid.uuid4().hex for slot in slots}
    path = _generation_file()
    if path:
        host = _host_generation(path)
        for slot, token in tokens.items():
            host.write(token, slot)
    else:
        _cache().set_many({_slot_key(slot): token for slot, token in tokens.items()}, None)


class _WrittenInTransaction:
    """The draw after a transaction commits, of the tables it wrote (None: some it could not name)."""

    def __init__(self):
        self.tables = set()

    def add(self, tables):
        self.tables = None if tables is None or self.tables is None else self.tables | tables

    def __call__(self):
        bump_generation(self.tables)


def _bump_after_commit(connection, tables):
    # One draw per transaction is enough after the commit; the list Django keeps is searched rather than a
    # flag kept, because a rolled-back savepoint silently drops its callbacks.
    for _, func, _ in connection.run_on_commit:
        if isinstance(func, _WrittenInTransaction):
            func.add(tables)
            return
    written = _WrittenInTransaction()
    written.add(tables)
    connection.on_commit(written)  # outside a transaction, this runs at once


def clear():
    """Every page and part kept so far is stale from now on, and this worker forgets its own copies (tests,
    `manage.py shell`). The shared cache is not emptied: Django's clear() of a Redis cache empties the
    whole Redis database, with what else shares it (the rate limits, another test run's pages); what
    was kept there is never served again, and expires."""
    from core import memo

    _LOCAL.clear()
    _LOCAL_PARTS.clear()
    _LOCAL_DATA.clear()
    _SCHEDULE.clear()
    memo.clear()
    bump_generation()


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
    attempts, the admin's log), except the apps named in PAGE_CACHE_WATCHED_APPS, and those of the project's
    apps named in PAGE_CACHE_UNSEEN_APPS. Any other table, a project app's or one this list does not know,
    counts."""
    watched, unseen = set(settings.PAGE_CACHE_WATCHED_APPS), set(settings.PAGE_CACHE_UNSEEN_APPS)
    tables = set()
    for app_config in apps.get_app_configs():
        if app_config.label not in unseen and (_is_project_app(app_config) or app_config.label in watched):
            continue
        for model in app_config.get_models(include_auto_created=True):
            tables.add(model._meta.db_table.lower())
    return frozenset(tables)


def _written_tables(sql):
    """The tables a statement writes that pages may show: an empty set for a read or bookkeeping, None for a
    write whose table cannot be read from it (it counts as a write to every table)."""
    head = sql.lstrip()[:10].upper()
    if not head.startswith(WRITE_VERBS):
        return set()
    match = WRITE_STATEMENT.match(sql)
    if not match:
        return None
    table = match.group(1).rsplit(".", 1)[-1].lower()
    return set() if table in ignored_tables() else {table}


class WriteWatcher:
    """A database execute wrapper: a write to a watched table draws a new generation (see the module)."""

    def __init__(self, connection):
        self.connection = connection

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if isinstance(sql, str):
            tables = _written_tables(sql)
            if tables != set():
                if self.connection.in_atomic_block:
                    bump_generation(tables)
                _bump_after_commit(self.connection, tables)
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


def next_midnight(now):
    """The start of the next local day (settings.TIME_ZONE), as an aware datetime."""
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))


def _next_change_of(fields, now):
    """The next moment one of these (model label, field) pairs passes: a timestamp, or infinity."""
    from core.compiled import compiled

    moments = [math.inf]
    for label, field_name in fields:
        manager = apps.get_model(label)._base_manager
        # The first one to come (MIN of what is still to come), its SQL compiled once per field.
        upcoming = compiled(
            ("page_cache.next_change", label, field_name),
            lambda moment, manager=manager, field_name=field_name: (
                manager.filter(**{f"{field_name}__gt": moment})
                .order_by(field_name)
                .values_list(field_name, flat=True)[:1]
            ),
            now,
        )
        moments.extend(moment.timestamp() for moment in upcoming)
    return min(moments)


def next_scheduled_change(now):
    """The next moment something becomes public (or stops being): a timestamp."""
    return min(next_midnight(now).timestamp(), _next_change_of(schedule_fields(), now))


@lru_cache(maxsize=1)
def schedules_by_table():
    """{table: its (model label, field) pairs with a schedule}."""
    tables = {}
    for label, field_name in schedule_fields():
        tables.setdefault(apps.get_model(label)._meta.db_table, []).append((label, field_name))
    return {table: tuple(fields) for table, fields in sorted(tables.items())}


@lru_cache(maxsize=1)
def _schedule_slots():
    return tuple(_slot_of(table) for table in schedules_by_table())


# (the versions of the scheduled tables, the time it was worked out at, the next change) as this worker
# worked it out last: the same until one of those tables is written or the change comes (or the clock is
# set back, in the tests).
_SCHEDULE: list[tuple] = []


def _schedule_for(now):
    """The next scheduled change. Each table's is worked out again only after a write to that table: an edit
    of a news item asks when the next news item is due, not when the next banner is."""
    timestamp = now.timestamp()
    versions = slot_versions(_schedule_slots())
    if _SCHEDULE and _SCHEDULE[0][0] == versions and _SCHEDULE[0][1] <= timestamp < _SCHEDULE[0][2]:
        return _SCHEDULE[0][2]
    moment = next_midnight(now).timestamp()
    for (table, fields), version in zip(schedules_by_table().items(), versions, strict=True):
        key = SCHEDULE_KEY.format(table=table, version=version)
        upcoming = _kept_data(key)
        if upcoming is None or upcoming <= timestamp:
            upcoming = _next_change_of(fields, now)
            _keep_data(key, upcoming)
        moment = min(moment, upcoming)
    _SCHEDULE[:] = [(versions, timestamp, moment)]
    return moment


# The shell's data and the schedule, as this worker computed them last: their keys name, or their entries
# carry, the versions they hold for. They are kept by each worker alone, not in the shared cache: each is
# one query to compute again after an edit of its tables, which costs less than the two round trips to
# Redis (whether another worker has it; keeping it for the others) that sharing it would. Kept pickled:
# each request gets objects of its own, so that nothing a request loads onto them (a related object)
# outlives it.
_LOCAL_DATA: dict[str, bytes] = {}
LOCAL_DATA_ENTRIES = 64


def _kept_data(key):
    pickled = _LOCAL_DATA.get(key)
    return None if pickled is None else pickle.loads(pickled)


def _keep_data(key, value):
    if len(_LOCAL_DATA) >= LOCAL_DATA_ENTRIES:
        _LOCAL_DATA.clear()
    _LOCAL_DATA[key] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


# --- Fragments ---------------------------------------------------------------------------------------

FRAGMENT_KEY = "page-cache:fragment:v2:{name}"
TABLE_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?([\w.]+)"?', re.IGNORECASE)


def tables_read_by(sql):
    """The tables a statement reads (a frozenset). Remembered per statement: a compiled query's SQL
    (core/compiled.py) is the same string at every run, and searching it again cost a fifth of running it."""
    if not isinstance(sql, str):
        return frozenset()
    tables = _TABLES_READ_BY.get(sql)
    if tables is None:
        if len(_TABLES_READ_BY) >= STATEMENTS_REMEMBERED:
            _TABLES_READ_BY.clear()
        tables = _TABLES_READ_BY[sql] = frozenset(name.rsplit(".", 1)[-1].lower() for name in TABLE_READ.findall(sql))
    return tables


STATEMENTS_REMEMBERED = 2048  # statements of some hundreds of bytes; a search's differ by its words
_TABLES_READ_BY: dict[str, frozenset] = {}


class _TablesRead:
    """An execute wrapper that notes the tables each statement reads."""

    def __init__(self):
        self.tables = set()

    def __call__(self, execute, sql, params, many, context):
        self.tables.update(tables_read_by(sql))
        return execute(sql, params, many, context)


class RequestReads:
    """What an anonymous page's render read, for the parts of it kept rendered (core/parts.py): an execute
    wrapper around the whole request (PageCacheMiddleware), and a note of every table whose data came from
    a cache instead (the shell's data, a kept part).

    A part's output depends on the tables it read itself and on whatever was read before it, outside the
    isolated parts: the view's objects, and lazy values evaluated earlier and used again without a query.
    So reads are noted in every open part, and in ``ambient`` unless they happen inside an isolated part,
    whose context holds nothing from the view (core.parts.isolated_context), so that nothing it read can
    reach the rest of the page.
    """

    def __init__(self, request, expires, generation, started=None):
        self.request = request
        self.expires = expires
        # The moment the request is answered as of: a kept part past its time then is rendered again, as the
        # page would be (the clock is read once, not for each of its parts).
        self.started = timezone.now().timestamp() if started is None else started
        # Drawn before anything was read: a part of the page is kept only if it is still the current one
        # when the part is done (core/parts.py), since a part shows what was read before it too (the
        # view's objects, the shell's data read once per request).
        self.generation = generation
        self.tables = set()  # every table the page depends on, isolated parts and holes included
        self.ambient = set()
        # What the page depends on outside its shell parts (core/parts.py): with these unchanged, the page is
        # put together again from what it was and its shell parts, without its view.
        self.glue = set()
        self.in_shell = False  # a shell part of the page is being served
        self.shells = False  # whether any shell part of the page was served
        self.expected_shell = None  # the key a shell part rendered to put the page together again must have
        self.open_parts = []  # (tables read inside, isolated?, a hole?), outermost first
        self.data = {}  # fragment() values read in this request: name -> (value, tables)
        self.pending = {}  # parts rendered, kept once the page proves cacheable: key -> entry
        self.pending_memos = {}  # the same for memos (core/memo.py)
        self.statements = 0  # run so far: a memo that ran one is not kept

    def __call__(self, execute, sql, params, many, context):
        self.statements += 1
        self.note(tables_read_by(sql))
        return execute(sql, params, many, context)

    def note(self, tables, *, isolated=False):
        """Tables read here, or whose data came from a cache: in every open part up to the innermost hole
        (the parts around a hole do not keep its HTML: core/parts.py), and in ``ambient`` unless inside an
        isolated part."""
        if not tables:
            return
        self.tables.update(tables)
        if not self.in_shell:
            self.glue.update(tables)
        for tables_inside, part_isolated, hole in reversed(self.open_parts):
            tables_inside.update(tables)
            isolated = isolated or part_isolated
            if hole:
                return
        if not isolated:
            self.ambient.update(tables)

    @contextlib.contextmanager
    def outside_glue(self):
        """What is read meanwhile (a shell part, a hole) is not the page's glue."""
        was_in_shell, self.in_shell = self.in_shell, True
        try:
            yield
        finally:
            self.in_shell = was_in_shell

    def note_hole(self, tables):
        """The tables of a hole served in a part: the page's, not the parts' around it."""
        self.tables.update(tables)
        if not self.in_shell:
            self.glue.update(tables)

    def open_part(self, isolated, hole=False):
        tables_inside = set()
        self.open_parts.append((tables_inside, isolated, hole))
        return tables_inside

    def close_part(self):
        self.open_parts.pop()

    def in_hole(self):
        return any(hole for _, _, hole in self.open_parts)

    def read_before(self):
        """What a part opened now depends on besides its own reads: the innermost isolated part's reads so
        far, or the page's outside any isolated part."""
        for tables_inside, isolated, _ in reversed(self.open_parts):
            if isolated:
                return tables_inside
        return self.ambient


_REQUEST_READS = contextvars.ContextVar("page_cache_request_reads", default=None)


def request_reads():
    """The RequestReads of the anonymous page being rendered in this thread, or None."""
    return _REQUEST_READS.get()


def fragment(name, compute):
    """``compute()``, kept until one of the tables it read is written: for what every page renders (the
    organisation's profile, the menu), so that a page rendered afresh after an edit of something else
    does not ask for them again. ``compute`` returns data already read (a list, an instance), not a lazy
    queryset, whose reads would come too late to be seen. Computed every time while the page cache is off
    (the test settings), where a rolled-back test leaves no new version behind. Asked again in the same
    request (each isolated part of the page asks afresh), it is not fetched again, but its tables are
    noted again, in the part that asks."""
    if not settings.PAGE_CACHE_ENABLED:
        return compute()
    reads = request_reads()
    if reads is not None and name in reads.data:
        value, tables = reads.data[name]
        reads.note(tables)
        return value
    key = FRAGMENT_KEY.format(name=name)
    kept = _kept_data(key)
    if kept is not None and table_versions(kept["tables"]) == kept["versions"]:
        value, tables = kept["value"], kept["tables"]
    else:
        generation = current_generation()
        tables_read = _TablesRead()
        with connections[DEFAULT_DB_ALIAS].execute_wrapper(tables_read):
            value = compute()
        tables = sorted(tables_read.tables)
        # Kept only if nothing was written while it was computed (it may have read rows from before and
        # after), and if it read a table at all (else nothing would ever tell it apart from a stale copy).
        versions = table_versions(tables)  # before the generation is checked (see core/parts.py)
        if tables and current_generation() == generation:
            _keep_data(key, {"tables": tables, "versions": versions, "value": value})
    if reads is not None:
        reads.note(tables)
        reads.data[name] = (value, tables)
    return value


# --- Parts of a cached page drawn for each request ----------------------------------------------------


class LivePart:
    """A piece of a page that must be drawn afresh for every visitor even when the page comes from the
    cache: a form's CSRF token, a form's signed start time, the visitor counter. ``pattern`` (bytes)
    finds it in a rendered page, its group ``live`` being what is drawn again by ``render(request)``
    (a str); a ``personal`` part belongs to this visitor, so the page may not be kept by a shared proxy.
    ``marker``: the bytes every match of ``pattern`` begins with. A page is searched with the pattern only
    from where the marker is found (a plain search, several times quicker), and not at all without it."""

    def __init__(self, name, pattern, render, *, marker, personal=False):
        self.name, self.pattern, self.render, self.personal = name, re.compile(pattern, re.S), render, personal
        self.marker = marker


_LIVE_PARTS: dict[str, LivePart] = {}


def register_live_part(name, pattern, render, *, marker, personal=False):
    """Called from an AppConfig.ready(): see LivePart."""
    _LIVE_PARTS[name] = LivePart(name, pattern, render, marker=marker, personal=personal)


def _csrf_token(request):
    from core.csrf import form_token

    return form_token(request)


register_live_part(
    "csrf",
    rb'name="csrfmiddlewaretoken" value="(?P<live>[^"]*)"',
    _csrf_token,
    marker=b'name="csrfmiddlewaretoken"',
    personal=True,
)


def split_live_parts(content):
    """The page as a list of bytes (kept) and part names (drawn per request), in order."""
    spans = sorted(
        (match.start("live"), match.end("live"), part.name)
        for part in _LIVE_PARTS.values()
        if (first := content.find(part.marker)) >= 0
        for match in part.pattern.finditer(content, first)
    )
    pieces, position = [], 0
    for start, end, name in spans:
        if start < position:  # overlapping matches: keep the first
            continue
        pieces += [content[position:start], name]
        position = end
    pieces.append(content[position:])
    return pieces


def fill_live_parts(request, pieces):
    drawn = {}
    out = []
    for piece in pieces:
        if isinstance(piece, bytes):
            out.append(piece)
        else:
            if piece not in drawn:
                part = _LIVE_PARTS.get(piece)
                drawn[piece] = part.render(request).encode() if part else b""
            out.append(drawn[piece])
    return b"".join(out)


# --- This worker's own copies -------------------------------------------------------------------------


class LocalPages:
    """The entries this worker served last, up to PAGE_CACHE_LOCAL_BYTES of pages, least recently used out
    first: a page asked again is answered from memory without a round trip to the shared cache. An entry
    is only ever used under the generation it was rendered in, so a copy here is exactly as fresh as the
    shared one."""

    def __init__(self):
        self._entries = OrderedDict()
        self._bytes = 0

    def get(self, key):
        entry = self._entries.get(key)
        if entry is not None:
            try:  # noqa: SIM105 (contextlib.suppress is an object made on every look-up: the parts make a dozen a page)
                self._entries.move_to_end(key)
            except KeyError:  # another thread (runserver, live_server) let it go meanwhile
                pass
        return entry

    def put(self, key, entry):
        limit = settings.PAGE_CACHE_LOCAL_BYTES
        size = entry["size"]
        if size > limit:
            return
        self.discard(key)
        self._entries[key] = entry
        self._bytes += size
        while self._bytes > limit:
            _, oldest = self._entries.popitem(last=False)
            self._bytes -= oldest["size"]

    def discard(self, key):
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry["size"]

    def clear(self):
        self._entries.clear()
        self._bytes = 0


_LOCAL = LocalPages()
_LOCAL_PARTS = LocalPages()  # the rendered parts of pages (core/parts.py), on the same terms


def keep(reads, page, glue=None):
    """The page (``(key, entry)``, or None when something was written while it rendered) and the parts it
    rendered (core/parts.py; each checked against the page's generation when it was done), kept in one
    round trip once the page proved to be one that may be kept: a page that turns out personal or private
    leaves nothing of itself behind. Its memos (core/memo.py) are kept in this worker's memory."""
    from core import memo

    memo.keep(reads)
    kept = dict(reads.pending)
    if page:
        kept[page[0]] = page[1]
        if glue is not None:  # beside the page: read only to put it together again
            glue["size"] = sum(len(segment) for segment in glue["segments"])
            kept[_glue_key(page[0])] = glue
    timeout = int(reads.expires - time.time())
    if not kept or timeout <= 0:
        return
    for key, entry in reads.pending.items():
        _LOCAL_PARTS.put(key, entry)
    if page and glue is not None:  # with the parts, in this worker's memory too (see put_together)
        _LOCAL_PARTS.put(_glue_key(page[0]), glue)
    if page:
        _LOCAL.put(*page)  # this worker serves it from now on; the others, once it is in the shared cache
    _WRITES.submit(lambda: _share(kept, timeout, page))


_WRITES = WriteBehind("page-cache-writes")


def _share(kept, timeout, page):
    """The page and its parts in the shared cache (after the response: core/write_behind.py), then the page's
    mark drawn anew: the other workers of the host look for the page there once its mark changed (_lookup)."""
    _cache().set_many(kept, timeout)
    path = _generation_file()
    if page and path:
        key, entry = page
        entry["mark"] = _host_generation(path).new_page_mark(key)


def wait_for_writes(timeout=5.0):
    """Until what the requests so far kept is in the shared cache (a worker that stops; the tests)."""
    return _WRITES.wait(timeout)


# --- Pages put together again from their glue and their shell parts -----------------------------------

GLUE_KEY = "page-cache:glue:v2:{digest}"  # v2: with its size, kept in each worker too
# Around a part kept apart from what holds it (core/parts.py): a private-use character and a secret drawn as
# this process starts. Marks are made and taken out within one request, and never kept; what a visitor types
# (a search, a post) may hold the character, never the secret, so it can never pass for a mark.
HOLE = "\ue000" + secrets.token_hex(8)


class Mark(NamedTuple):
    start: int
    end: int
    name: str | bytes  # what core/parts.py names the part by (printable ASCII)
    inner: str | bytes  # the part's HTML


def marks(content):
    """The marks ``HOLE name HOLE inner HOLE/HOLE`` in ``content`` (str or bytes), in order. Found with find()
    rather than a regular expression: a lazy group tries to match the closing mark at every character of the
    page, ten times slower than find() skipping from one mark to the next."""
    text = isinstance(content, str)
    hole = HOLE if text else HOLE.encode()
    close = hole + ("/" if text else b"/") + hole
    position = 0
    while (start := content.find(hole, position)) >= 0:
        name_end = content.find(hole, start + len(hole))
        inner_end = content.find(close, name_end + len(hole)) if name_end >= 0 else -1
        if inner_end < 0:
            return
        position = inner_end + len(close)
        yield Mark(start, position, content[start + len(hole) : name_end], content[name_end + len(hole) : inner_end])


def replace_marks(content, replacement):
    """``content`` with each mark replaced by ``replacement(mark)``."""
    pieces, position = [], 0
    for mark in marks(content):
        pieces += [content[position : mark.start], replacement(mark)]
        position = mark.end
    pieces.append(content[position:])
    return content[:0].join(pieces)


def _glue_key(key):
    return GLUE_KEY.format(digest=key.rsplit(":", 1)[1])


def take_shells(response):
    """The page's glue (its content cut at its shell parts: bytes, and each part's reference in between),
    the marks of the shell parts taken out of the response (core/parts.py)."""
    content, glue, sent, position = response.content, [], [], 0
    for mark in marks(content):
        glue += [content[position : mark.start], mark.name.decode()]
        sent += [content[position : mark.start], mark.inner]
        position = mark.end
    glue.append(content[position:])
    sent.append(content[position:])
    response.content = b"".join(sent)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return glue


def _kept_glue(glue):
    """The glue as it is kept: its live parts left empty. They are drawn for each visitor when the page is put
    together again (_make_entry, _from_entry), and the shared cache never holds a visitor's CSRF token."""
    return [
        segment if position % 2 else b"".join(piece for piece in split_live_parts(segment) if isinstance(piece, bytes))
        for position, segment in enumerate(glue)
    ]


def _shell_of(reads, glue):
    """What a page needs to be put together again (see put_together): the tables read outside its shell
    parts, their versions (read before the generation is checked, as for the page) and its glue's id."""
    tables = sorted(reads.glue)
    slots = dependencies(tables)
    return {"tables": tables, "slots": slots, "versions": slot_versions(slots), "glue": uuid.uuid4().hex}


def put_together(request, key, stale, now):
    """The page ``stale`` stood for, put together from its glue and its shell parts (those whose tables
    changed rendered afresh), when nothing it read outside them has changed since: an edit of the profile or
    the menu runs no view. None when it cannot be: the page is rendered whole."""
    from core.parts import CannotPutTogether, render_shells

    shell = stale.get("shell")
    if shell is None or now >= stale["expires"]:
        return None
    # Drawn before the glue is found current: a write that lands after the check draws a new generation,
    # and what is put together is then served but not kept (as a page rendered whole).
    generation = current_generation()
    if slot_versions(shell["slots"]) != shell["versions"]:
        return None
    # This worker's copy of the glue when it is the one the page was kept with (its id is drawn for each),
    # else the shared cache's.
    glue = _LOCAL_PARTS.get(_glue_key(key))
    if glue is None or glue["id"] != shell["glue"]:
        glue = _cache().get(_glue_key(key))
        if glue is None or glue["id"] != shell["glue"]:
            return None
        _LOCAL_PARTS.put(_glue_key(key), glue)
    expires = min(stale["expires"], _schedule_for(timezone.now()))
    reads = RequestReads(request, expires, generation, now)
    reads.note(shell["tables"])
    token = _REQUEST_READS.set(reads)
    try:
        with connections[DEFAULT_DB_ALIAS].execute_wrapper(reads):
            parts = render_shells(request, dict.fromkeys(glue["segments"][1::2]))
    except CannotPutTogether:
        return None
    except Exception:  # whatever went wrong, the page rendered whole answers it (a 503 for the database...)
        logger.exception("A page could not be put together from its shell; it is rendered whole")
        return None
    finally:
        _REQUEST_READS.reset(token)
    content = b"".join(
        piece if position % 2 == 0 else parts[piece].encode() for position, piece in enumerate(glue["segments"])
    )
    slots = dependencies(reads.tables)
    depends_on = (slots, slot_versions(slots))
    written_meanwhile = current_generation() != generation
    entry = _make_entry(request, KeptPageResponse(content, stale["headers"]), depends_on, expires, now, stale)
    if entry is None:
        return None
    entry["shell"] = shell
    keep(reads, None if written_meanwhile else (key, entry))
    response = _from_entry(request, entry, now)
    response[HIT_HEADER] = "shell"
    return response


# --- The middleware -----------------------------------------------------------------------------------


def drawn_for(request):
    """What every part and memo of a page differs by besides its own values: the scheme and the host (a page
    may show absolute addresses) and the display choice, as the page's own key. Worked out once per request:
    get_host() checks the host against ALLOWED_HOSTS each time it is asked."""
    drawn = request.__dict__.get("_page_cache_drawn_for")
    if drawn is None:
        drawn = request._page_cache_drawn_for = (
            request.scheme,
            request.get_host(),
            request.COOKIES.get(DISPLAY_COOKIE, ""),
        )
    return drawn


def _entry_key(request):
    """The cache key of the page this request asks for, worked out once per distinct request line, host and
    display cookie (this worker remembers the last few thousand)."""
    meta = request.META
    asked = (
        request.scheme,
        meta.get("HTTP_X_FORWARDED_HOST"),
        meta.get("HTTP_X_FORWARDED_PORT"),
        meta.get("HTTP_HOST"),
        meta.get("SERVER_NAME"),
        meta.get("SERVER_PORT"),
        request.path,
        meta.get("QUERY_STRING", ""),
        request.COOKIES.get(DISPLAY_COOKIE),
    )
    key = _KEYS.get(asked)
    if key is None:
        key = _work_out_entry_key(request)  # raises DisallowedHost for a host not allowed: nothing is kept
        if len(_KEYS) >= ENTRY_KEYS_REMEMBERED:
            _KEYS.clear()
        _KEYS[asked] = key
    return key


def _work_out_entry_key(request):
    # A page is drawn for the visitor's display choice (text size, contrast: core/display.py), one of a
    # dozen: each choice has its own copy, and an unknown cookie value counts as the default.
    display = DisplayChoice.of(request).cookie_value()
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"  # get_host() checks the host
    digest = hashlib.sha256(f"{address}|{display}".encode()).hexdigest()
    return ENTRY_KEY.format(digest=digest)


ENTRY_KEYS_REMEMBERED = 4096
_KEYS: dict[tuple, str] = {}


@receiver(setting_changed)
def _forget_entry_keys(**kwargs):
    # Which hosts are allowed, and how the scheme and host are read, are settings (tests change them); so is
    # the time zone, whose midnight the schedule holds.
    _KEYS.clear()
    _SCHEDULE.clear()


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
    if response.status_code != 200 or response.streaming:
        return False
    # The only cookie a kept page may set is the CSRF cookie of a form, whose token is a live part.
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if vary - SAFE_VARY:
        return False
    cache_control = {d.split("=", 1)[0].strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not (cache_control & REFUSING_CACHE_CONTROL)


def _uses_csrf(request):
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"))


def _http_caching_headers(entry, now):
    if entry["personal"]:
        # A token of this visitor's is in the page: no proxy may keep it, and no 304 may bring back a
        # copy whose token has changed since.
        return {"cache-control": ("Cache-Control", "private, no-cache")}
    max_age = max(0, int(min(settings.PAGE_CACHE_MAX_AGE, entry["expires"] - now)))
    headers = {
        "etag": ("ETag", entry["etag"]),
        "cache-control": ("Cache-Control", f"public, max-age={max_age}, must-revalidate"),
    }
    if entry["modified"] <= now:  # a second ahead of the clock (_last_modified) is sent once it has come
        headers["last-modified"] = ("Last-Modified", entry["last_modified"])
    return headers


class KeptPageResponse(HttpResponse):
    """A page from the cache. Its headers were checked one by one when it was first sent; they are copied
    as they were kept (Django's own storage of them: name in lower case -> (name, value)) rather than
    checked again, which was a third of what serving a kept page cost."""

    def __init__(self, content, headers):
        # What HttpResponse.__init__() sets, set as it sets them for a 200 with bytes content and no argument
        # (tests/core_tests/test_page_cache.py compares the two): its Content-Type and its content's type are
        # not worked out again for every page from the cache.
        self.headers = ResponseHeaders({})
        self.headers._store = headers
        self._charset = None
        self._resource_closers = []
        self._handler_class = None
        self.cookies = SimpleCookie()
        self.closed = False
        self._reason_phrase = None
        self._container = [content]


def _last_modified(previous, etag, now):
    """The page's Last-Modified, in whole seconds as HTTP gives it: the copy before's when the page came out
    the same; else this second, or the second after the copy before's when that is this second too. A
    client that revalidates with If-Modified-Since alone is told "not modified" for any copy from that
    second or later: a page edited within the second of its copy would be, were the two seconds the same."""
    if previous is None or slot_versions((RELEASE_SLOT,)) != previous["versions"][:1]:
        return int(now)  # none, or rendered by another release (or before the cache was cleared)
    before = previous["modified"]
    return before if previous["etag"] == etag else max(int(now), before + 1)


def _make_entry(request, response, depends_on, expires, now, previous=None):
    pieces = split_live_parts(response.content)
    names = {piece for piece in pieces if isinstance(piece, str)}
    if _uses_csrf(request) and "csrf" not in names:
        return None  # a token used somewhere this cache cannot find it: never share it
    template = b"".join(piece if isinstance(piece, bytes) else b"" for piece in pieces)
    # SHA-1 rather than Django's MD5: more than twice as fast over a page where the processor has SHA
    # instructions, and no slower where it has none. An ETag tells copies apart; it guards no secret.
    digest = hashlib.sha1(template, usedforsecurity=False).hexdigest()
    stored_headers = {"cache-control", "etag", "last-modified", HIT_HEADER.lower(), *NOT_STORED}
    slots, versions = depends_on
    # Weak when parts change per request (the counter): the same page in every way that matters.
    etag = f'W/"{digest}"' if names else f'"{digest}"'
    modified = _last_modified(previous, etag, now)
    return {
        "slots": slots,
        "versions": versions,
        "expires": expires,
        "modified": modified,
        "etag": etag,
        "personal": any(_LIVE_PARTS[name].personal for name in names),
        "last_modified": http_date(modified),
        "headers": {k.lower(): (k, v) for k, v in response.items() if k.lower() not in stored_headers},
        "pieces": pieces if names else [template],
        "size": len(template),
    }


@lru_cache(maxsize=1)
def _csrf_middleware():
    from django.middleware.csrf import CsrfViewMiddleware

    return CsrfViewMiddleware(lambda request: None)  # holds no state of a request's


def _from_entry(request, entry, now):
    """The kept page as a response: live parts drawn for this visitor, a 304 when the copy they hold is current."""
    if entry["personal"]:
        csrf = _csrf_middleware()
        csrf.process_request(request)  # the visitor's own CSRF cookie, when they have one
    pieces = entry["pieces"]
    content = pieces[0] if len(pieces) == 1 else fill_live_parts(request, pieces)
    headers = {
        **entry["headers"],
        **_http_caching_headers(entry, now),
        "content-length": ("Content-Length", str(len(content))),
        HIT_HEADER.lower(): (HIT_HEADER, "hit"),
    }
    response = KeptPageResponse(content, headers)
    if entry["personal"]:
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # a new visitor's secret (core/csrf.py)
            from core.csrf import set_cookie

            set_cookie(response, request.META["CSRF_COOKIE"])
        return response
    return _answered_conditionally(request, entry, now, response)


def _answered_conditionally(request, entry, now, response):
    """The page, or a 304 when the copy the visitor holds is current. Answered here for a page the cache may
    keep, by its entry's ETag and date: core.middleware.ConditionalGetMiddleware leaves those to the page
    cache (it would hash the page a second time), and the page cache stands above it."""
    if entry["personal"]:
        return response  # its own CSRF token: no 304 may bring back an old one (it carries no ETag)
    if "HTTP_IF_NONE_MATCH" not in request.META and "HTTP_IF_MODIFIED_SINCE" not in request.META:
        return response
    return get_conditional_response(
        request,
        etag=entry["etag"],
        last_modified=entry["modified"] if entry["modified"] <= now else None,
        response=response,
    )


@lru_cache(maxsize=1)
def _django_conditional_get():
    from django.middleware.http import ConditionalGetMiddleware

    return ConditionalGetMiddleware(lambda request: None)  # holds no state of a request's


def _answered_as_django_would(request, response):
    """A response the page cache does not keep, answered as Django's ConditionalGetMiddleware answers (with an
    ETag of its content, and a 304 when it matches), which left it to the page cache."""
    return _django_conditional_get().process_response(request, response)


def leaves_conditional_requests_to_the_page_cache(request):
    """Whether this request's response passes through the page cache's own conditional answer (above)."""
    reads = _REQUEST_READS.get()
    return reads is not None and reads.request is request


def _is_current(entry, now):
    """Not past its time, and none of the tables the page read written since."""
    return now < entry["expires"] and slot_versions(entry["slots"]) == entry["versions"]


def _host_page_mark(key):
    """This host's mark of the page ``key`` (see PAGE_MARKS), or None when the generation is kept in the shared
    cache (several machines): what a worker kept may then have come from any of them."""
    path = _generation_file()
    return _host_generation(path).page_mark(key) if path else None


def _lookup(request):
    """(key, now, entry, previous): the entry is None unless this request's page is kept and current; then
    ``previous`` is the newest copy found that is not (or None), whose Last-Modified the next one follows.

    This worker's own copy, out of date, is looked for in the shared cache only when another worker of the
    host has kept the page since (its mark has changed): a round trip that would bring back the same copy
    is most of what finding it stale costs. A mark that changed for another page of its group costs the
    round trip; one read before another worker's copy reached the cache, a render: never a stale page."""
    now = timezone.now().timestamp()
    key = _entry_key(request)
    entry = _LOCAL.get(key)
    if entry is None or not _is_current(entry, now):
        previous = entry
        mark = _host_page_mark(key)
        if previous is not None and mark is not None and previous.get("mark") == mark:
            return key, now, None, previous
        entry = _cache().get(key)  # another worker may have rendered it afresh already
        if entry is None or not _is_current(entry, now):
            return key, now, None, entry or previous
        entry["mark"] = mark
        _LOCAL.put(key, entry)
    return key, now, entry, None


def kept_response(request):
    """The page kept for this request (a 200, or a 304 for a conditional GET), or None: what the middleware
    answers without calling the view, and what core.wsgi serves before Django's request machinery."""
    if not _request_is_cacheable(request):
        return None
    _key, now, entry, _previous = _lookup(request)
    return None if entry is None else _from_entry(request, entry, now)


class PageCacheMiddleware:
    """A page from the cache costs little more than bare Django: no round trip at all when this worker
    served it last (its own copies, checked against the versions of the tables the page read, in memory
    shared with the other workers), one to the shared cache otherwise. The headers of the middlewares below
    it (security headers, Vary, Content-Language, clickjacking, CSP) are kept with the page; an HTTP request
    that production redirects to HTTPS is never a 200, so it is never kept (the key holds the scheme). A
    conditional GET of a cached page is answered here with a 304."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_is_cacheable(request):
            return self.get_response(request)
        key, now, entry, previous = _lookup(request)
        if entry is not None:
            return _from_entry(request, entry, now)
        if previous is not None:
            response = put_together(request, key, previous, now)
            if response is not None:
                return response

        generation = current_generation()
        # Read the clock's limit before rendering: an item published while the page renders is not in it.
        expires = min(_schedule_for(timezone.now()), now + settings.PAGE_CACHE_SECONDS)
        reads = RequestReads(request, expires, generation, now)
        token = _REQUEST_READS.set(reads)
        try:
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(reads):
                response = self.get_response(request)
        finally:
            _REQUEST_READS.reset(token)
        glue = take_shells(response) if reads.shells and not response.streaming else None
        if request.method != "GET" or not _response_is_cacheable(request, response):
            return _answered_as_django_would(request, response)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:  # logged in by the view itself
            return _answered_as_django_would(request, response)
        slots = dependencies(reads.tables)
        # The versions before the generation: a write that lands between the two is seen by the check
        # below (its new generation is drawn first), so the page is never kept under versions newer than
        # the rows it shows.
        depends_on = (slots, slot_versions(slots))
        shell = _shell_of(reads, glue) if glue and len(glue) > 1 else None
        written_meanwhile = current_generation() != generation
        entry = _make_entry(request, response, depends_on, expires, now, previous)
        if entry is None:
            return _answered_as_django_would(request, response)
        if shell:
            entry["shell"] = shell
        glue = shell and {"id": shell["glue"], "segments": _kept_glue(glue)}
        keep(reads, None if written_meanwhile else (key, entry), glue)
        del response["Cache-Control"]
        for name, value in _http_caching_headers(entry, now).values():
            response[name] = value
        response[HIT_HEADER] = "miss"
        return _answered_conditionally(request, entry, now, response)
