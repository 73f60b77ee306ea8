"""Queries compiled to SQL once per shape, not for every request that runs them.

Turning a queryset into SQL (Django's compiler: the columns of every model joined, the WHERE tree, the
ORDER BY, a window function's wrapping) costs more than running the SQL on a small site: for the home
page's latest items, a quarter of the page. A page rendered again after an edit runs the same queries
as before, with the same values but the time. ``compiled(key, build)`` compiles the queryset that
``build()`` returns once per ``key`` in this worker, and from then on runs that SQL with the current time
put in its place; ``compiled_sql(key, build)`` gives the SQL and its parameters, for a statement built
around them (search).

What makes that exact:

- ``key`` names everything the SQL depends on but the time (the caller's words, a category's ids).
  ``build()`` runs no query of its own (one that does is never kept: what it read at a stand-in time would
  stay in the SQL).
  The test settings check every use against a compilation afresh (COMPILED_QUERIES_CHECKED), so a key
  that leaves something out fails the tests of the page that uses it.
- The time: the queryset is built twice with two stand-in times (``now()``, which the models' published()
  read, returns them while a query is compiled here); the two compilations must differ in the stand-ins'
  parameters alone, and those are the places the current time goes. A query whose SQL depends on the time
  some other way (a build that reads django.utils.timezone.now() while a stand-in is set) is never kept:
  it is compiled each time, as before. Every compiled query is dropped at the next midnight as well.
- The queryset is still built each time (its prefetches, its related objects known from the view); only
  its SQL, and what Django's compiler worked out of it for reading the rows, come from the compiled copy.
  Chained further (``.count()``, ``.filter()``), it is compiled afresh.
"""

import contextlib
import contextvars
import datetime
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import DateTimeField
from django.db.models.sql.query import Query
from django.http import Http404
from django.utils import timezone

_STAND_IN = contextvars.ContextVar("compiled_stand_in_time", default=None)
# Two instants no data holds, far from each other and from now, with microseconds, so that neither can be
# mistaken for the other or for a real parameter.
STAND_INS = (
    datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC),
    datetime.datetime(1902, 3, 4, 5, 6, 7, 890123, tzinfo=datetime.UTC),
)
UNCOMPILABLE = object()
# (database alias, key) -> _Compiled, or UNCOMPILABLE; the least recently used dropped past MAX_KEPT (a search
# box sees words without end).
_COMPILED = OrderedDict()
MAX_KEPT = 256
_compiled_until = [0.0]  # the next local midnight, as a timestamp: everything is dropped then


def now():
    """The current time, as every published() reads it: the stand-in while a query is compiled here."""
    return _STAND_IN.get() or timezone.now()


class _Compiled:
    """A query's SQL, the places of the time among its parameters, and what reading its rows needs of the
    compiler (the selected columns, how they map onto the models)."""

    def __init__(self, sql, params, times, compiler):
        self.sql, self.params, self.times = sql, params, times
        self.select, self.klass_info = compiler.select, compiler.klass_info
        self.annotation_col_map, self.col_count = compiler.annotation_col_map, compiler.col_count
        self.has_extra_select = compiler.has_extra_select

    def params_at(self, moment, connection):
        if not self.times:
            return self.params
        params = list(self.params)
        prepared = _prepared(moment, connection)
        for place in self.times:
            params[place] = prepared
        return tuple(params)


def _prepared(moment, connection):
    # As a lookup on a DateTimeField prepares its value (SQLite: naive UTC text; PostgreSQL: the datetime).
    return DateTimeField().get_db_prep_value(moment, connection)


class _NotCompilable(Exception):
    """The build read what its SQL would keep: the rows of a query, the clock."""


def _no_query(execute, sql, params, many, context):
    raise _NotCompilable("ran a query")


def _built_at(moment, build, connection):
    """build() at a stand-in time. A build that runs a query (what it read at the stand-in time would stay
    in the SQL) or reads the clock other than through now() (a time cut to the minute, a date: the same in
    both builds, it would pass for a constant) raises _NotCompilable."""
    reads_the_clock = timezone.now

    def clock_read_while_compiling():
        if _STAND_IN.get() is not None:
            raise _NotCompilable("read the clock")
        return reads_the_clock()

    token = _STAND_IN.set(moment)
    # Seen by this context only (a request served meanwhile by another thread has no stand-in time).
    timezone.now = clock_read_while_compiling
    try:
        with connection.execute_wrapper(_no_query):
            return build()
    finally:
        timezone.now = reads_the_clock
        _STAND_IN.reset(token)


def _compile(build, alias):
    connection = connections[alias]
    compiled = []
    for moment in STAND_INS:
        try:
            compiler = _built_at(moment, build, connection).query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet, _NotCompilable):  # Django's own path answers the first two
            return UNCOMPILABLE
        compiled.append((sql, tuple(params), compiler))
    (sql, first, compiler), (other_sql, second, _) = compiled
    if sql != other_sql or len(first) != len(second):
        return UNCOMPILABLE
    marks = [_prepared(moment, connection) for moment in STAND_INS]
    times = []
    for place, (one, other) in enumerate(zip(first, second, strict=True)):
        if one == other:
            continue
        if one == marks[0] and other == marks[1]:
            times.append(place)
        else:
            return UNCOMPILABLE
    return _Compiled(sql, first, tuple(times), compiler)


def _entry(key, build, alias):
    moment = timezone.now()
    if moment.timestamp() >= _compiled_until[0]:
        from core.page_cache import next_midnight

        _COMPILED.clear()
        _compiled_until[0] = next_midnight(moment).timestamp()
    entry = _COMPILED.get((alias, key))
    if entry is None:
        entry = _COMPILED[alias, key] = _compile(build, alias)
        if len(_COMPILED) > MAX_KEPT:
            _COMPILED.popitem(last=False)
    else:
        with contextlib.suppress(KeyError):  # another thread (runserver, live_server) may have let it go
            _COMPILED.move_to_end((alias, key))
    return entry


class _CompiledQuery(Query):
    """A query whose compiler answers with the compiled SQL; any clone of it is a plain query again."""

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = super().get_compiler(using, connection, elide_empty)
        entry, params = self.compiled_as

        def as_sql(*args, **kwargs):
            compiler.select, compiler.klass_info = entry.select, entry.klass_info
            compiler.annotation_col_map, compiler.col_count = entry.annotation_col_map, entry.col_count
            compiler.has_extra_select = entry.has_extra_select
            return entry.sql, params

        compiler.as_sql = as_sql
        return compiler

    def clone(self):
        clone = super().clone()
        clone.__class__ = Query
        del clone.compiled_as
        return clone


def _check(queryset, entry, params, alias):
    """Test settings: the compiled SQL is the SQL compiled afresh (the time's places apart)."""
    sql, fresh = queryset.query.get_compiler(using=alias).as_sql()
    fresh = tuple(fresh)
    same = sql == entry.sql and len(fresh) == len(params)
    same = same and all(
        place in entry.times or ours == theirs for place, (ours, theirs) in enumerate(zip(params, fresh, strict=False))
    )
    if not same:
        raise AssertionError(f"compiled {entry.sql!r} {params!r}, afresh {sql!r} {fresh!r}: the key misses something")


def compiled(key, build):
    """The queryset ``build()`` returns, run with the SQL compiled for ``key`` (see the module)."""
    queryset = build()
    alias = queryset.db
    entry = _entry(key, build, alias)
    if entry is UNCOMPILABLE:
        return queryset
    params = entry.params_at(now(), connections[alias])
    if settings.COMPILED_QUERIES_CHECKED:
        _check(queryset, entry, params, alias)
    queryset.query.__class__ = _CompiledQuery
    queryset.query.compiled_as = (entry, params)
    return queryset


def get_or_404(key, build):
    """The row ``build()`` finds, by a unique field (get_object_or_404's answer, a 404 when there is none),
    with the SQL compiled for ``key``."""
    for row in compiled(key, lambda: build()[:1]):
        return row
    raise Http404("No such row")


class CompiledPaginator(Paginator):
    """A Paginator of the queryset ``build()`` returns whose pages are read with SQL compiled once per ``key``
    and page (the count is compiled afresh: a small query)."""

    def __init__(self, key, build, per_page, **kwargs):
        super().__init__(build(), per_page, **kwargs)
        self.key, self.build = key, build

    def page(self, number):
        # As Paginator.page() cuts the list (the last page takes the orphans).
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = compiled((*self.key, bottom, top), lambda: self.build()[bottom:top])
        return self._get_page(rows, number, self)


def compiled_sql(key, build):
    """(sql, params) of the queryset ``build()`` returns, compiled once for ``key``; the queryset is built
    only to be compiled (or checked, under the test settings)."""
    entry = _entry(key, build, DEFAULT_DB_ALIAS)
    if entry is UNCOMPILABLE:
        return build().query.sql_with_params()
    params = entry.params_at(now(), connections[DEFAULT_DB_ALIAS])
    if settings.COMPILED_QUERIES_CHECKED:
        _check(build(), entry, params, DEFAULT_DB_ALIAS)
    return entry.sql, params


def clear():
    _COMPILED.clear()
