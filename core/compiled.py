"""Queries compiled to SQL once per shape, not for every request that runs them.

Turning a queryset into SQL (Django's compiler: the columns of every model joined, the WHERE tree, the
ORDER BY, a window function's wrapping) costs more than running the SQL on a small site: for the home
page's latest items, a quarter of the page. A page rendered again after an edit runs the same queries
as before, with the same values but the time. ``compiled(key, build)`` compiles the queryset that
``build()`` returns once per ``key`` in this worker, and from then on runs that SQL with the current time
put in its place; ``get_or_404`` finds one row so, ``CompiledPaginator`` reads a list's pages so, and
``compiled_sql(key, build)`` gives the SQL and its parameters, for a statement built around them (search).

What makes that exact:

- ``key`` names everything the SQL depends on but the time and the values given (the words searched,
  whether the visitor may see drafts).
  ``build()`` runs no query of its own (one that does is never kept: what it read at a stand-in time would
  stay in the SQL).
  The test settings check every use against a compilation afresh (COMPILED_QUERIES_CHECKED), so a key
  that leaves something out fails the tests of the page that uses it.
- Values: ``compiled(key, build, *values)`` builds with ``build(*values)``; each value (a whole number, a
  text, an aware datetime: a row's id, a slug, a date) is a parameter of the compiled SQL, found as the time
  is (below), so one key serves every row: a key that named the row would compile each row's page once,
  and keep some 13 KiB per row. A value must be used as a query's value only, never to choose how the
  query is built (``if value:``): builds with stand-ins in its place must give the query every real value
  would. A false value (0, "") is never given a stand-in: the query is built and compiled as it is.
- The time: the queryset is built twice with two stand-in times (``now()``, which the models' published()
  read, returns them while a query is compiled here); the two compilations must differ in the stand-ins'
  parameters alone, and those are the places the current time goes. A query whose SQL depends on the time
  some other way (a build that reads django.utils.timezone.now() while a stand-in is set) is never kept:
  it is compiled each time, as before. Every compiled query is dropped at the next midnight as well.
- Building a queryset costs too (each filter a tree of lookups: a fifth of a millisecond for the home page's
  greeting). A plain queryset (no prefetch, no related objects given by the view) is built once per shape,
  like its SQL: later calls get a copy of it that reads its rows with the compiled SQL and this call's
  parameters, without calling ``build``. Chained further (``.count()``, ``.filter()``, a slice), the copy
  is built afresh with this call's values and compiled afresh, as any queryset. A queryset with prefetches
  (their querysets are not in the SQL, so the key need not name what they depend on) is built each time.
  The test settings build every one afresh as well, check it against the compiled SQL and the copy, and
  serve the copy.
"""

import contextlib
import contextvars
import datetime
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import EmptyResultSet, FullResultSet, ValidationError
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import DateTimeField
from django.db.models.sql.query import Query
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

_STAND_IN = contextvars.ContextVar("compiled_stand_in_time", default=None)
# Two instants no data holds, far from each other and from now, with microseconds, so that neither can be
# mistaken for the other or for a real parameter.
STAND_INS = (
    datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC),
    datetime.datetime(1902, 3, 4, 5, 6, 7, 890123, tzinfo=datetime.UTC),
)
# Stand-ins for the values given (compiled(key, build, *values)), by kind, the first build's and the second's.
VALUE_STAND_INS = {
    int: (1_900_000_001, 1_900_500_001),
    str: ("compiled-stand-in-a", "compiled-stand-in-b"),
    datetime.datetime: (
        datetime.datetime(1903, 4, 5, 6, 7, 8, 901234, tzinfo=datetime.UTC),
        datetime.datetime(1904, 5, 6, 7, 8, 9, 12345, tzinfo=datetime.UTC),
    ),
}
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

    def __init__(self, sql, params, times, compiler, places=()):
        self.sql, self.params, self.times, self.places = sql, params, times, places
        self.prototype = None  # the first plain queryset built for this shape (_reusable), once one was
        self.select, self.klass_info = compiler.select, compiler.klass_info
        self.annotation_col_map, self.col_count = compiler.annotation_col_map, compiler.col_count
        self.has_extra_select = compiler.has_extra_select
        self.converters = (None, None)  # (the connection, the converters of the selected columns for it)

    def params_at(self, moment, connection, values=()):
        if not self.times and not self.places:
            return self.params
        params = list(self.params)
        prepared = _prepared(moment, connection)
        for place in self.times:
            params[place] = prepared
        for place, which in self.places:
            params[place] = _value_prepared(values[which], connection)
        return tuple(params)


_DATETIME_FIELD = DateTimeField()


def _prepared(moment, connection):
    # As a lookup on a DateTimeField prepares its value (SQLite: naive UTC text; PostgreSQL: the datetime).
    return _DATETIME_FIELD.get_db_prep_value(moment, connection)


def _value_prepared(value, connection):
    # A whole number and a text are their own parameter, as an id's or a slug's lookup prepares them.
    return _prepared(value, connection) if type(value) is datetime.datetime else value


def _stand_ins(values, build_number):
    """The stand-ins of ``values`` for the first or the second build, or None when a value has none."""
    stand_ins = []
    for position, value in enumerate(values):
        kind = type(value)
        if kind not in VALUE_STAND_INS or not value or (kind is datetime.datetime and value.tzinfo is None):
            return None
        stand_in = VALUE_STAND_INS[kind][build_number]
        # Each value a stand-in of its own, so that two values are never taken for each other.
        if kind is int:
            stand_in += position
        elif kind is str:
            stand_in += f"-{position}"
        else:
            stand_in += datetime.timedelta(seconds=position)
        stand_ins.append(stand_in)
    return stand_ins


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


def _compile(build, alias, values=()):
    connection = connections[alias]
    compiled, stand_ins = [], []
    for build_number, moment in enumerate(STAND_INS):
        given = _stand_ins(values, build_number)
        if given is None:
            return UNCOMPILABLE
        try:
            built = _built_at(moment, lambda given=given: build(*given), connection)
            compiler = built.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet, _NotCompilable):  # Django's own path answers the first two
            return UNCOMPILABLE
        except (ValueError, TypeError, ValidationError):  # a stand-in its field refuses: built as it is
            if not values:
                raise
            return UNCOMPILABLE
        compiled.append((sql, tuple(params), compiler))
        stand_ins.append([_value_prepared(value, connection) for value in given])
    (sql, first, compiler), (other_sql, second, _) = compiled
    if sql != other_sql or len(first) != len(second):
        return UNCOMPILABLE
    marks = [_prepared(moment, connection) for moment in STAND_INS]
    times, places = [], []
    for place, (one, other) in enumerate(zip(first, second, strict=True)):
        if one == other:
            continue
        if one == marks[0] and other == marks[1]:
            times.append(place)
            continue
        which = [i for i, pair in enumerate(zip(*stand_ins, strict=True)) if pair == (one, other)]
        if len(which) != 1:
            return UNCOMPILABLE
        places.append((place, which[0]))
    return _Compiled(sql, first, tuple(times), compiler, tuple(places))


def _kept_entry(alias, key, values):
    """The entry kept for ``key`` (its least recent use now), or None."""
    moment = timezone.now()
    if moment.timestamp() >= _compiled_until[0]:
        from core.page_cache import next_midnight

        _COMPILED.clear()
        _compiled_until[0] = next_midnight(moment).timestamp()
    entry = _COMPILED.get((alias, _shape(key, values)))
    if entry is not None:
        with contextlib.suppress(KeyError):  # another thread (runserver, live_server) may have let it go
            _COMPILED.move_to_end((alias, _shape(key, values)))
    return entry


def _shape(key, values):
    # The kinds of the values are the shape's too: a text where a number was prepares otherwise.
    return (key, tuple(type(value) for value in values)) if values else key


def _entry(key, build, alias, values=()):
    entry = _kept_entry(alias, key, values)
    if entry is None:
        entry = _COMPILED[alias, _shape(key, values)] = _compile(build, alias, values)
        if len(_COMPILED) > MAX_KEPT:
            _COMPILED.popitem(last=False)
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

        def get_converters(expressions):
            # The rows read are the compiled query's selected columns: their converters (a walk over every
            # column, asking the backend and each field) are worked out once per connection, not for each run.
            connection, converters = entry.converters
            if connection is compiler.connection:
                return converters
            compiler.get_converters = get_all_converters  # its own calls inside (a composite key's columns)
            try:
                converters = get_all_converters(expressions)
            finally:
                compiler.get_converters = get_converters
            entry.converters = (compiler.connection, converters)
            return converters

        get_all_converters = compiler.get_converters
        compiler.as_sql = as_sql
        compiler.get_converters = get_converters
        return compiler

    def clone(self):
        clone = super().clone()
        clone.__class__ = Query
        del clone.compiled_as
        return clone


class _CopiedQuery(_CompiledQuery):
    """The query of a copy of a shape's first build (_copy_of): its state is that build's, so a clone of it is
    this call's own build instead, compiled afresh."""

    def clone(self):
        return self.built_afresh()


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


def compiled(key, build, *values):
    """The queryset ``build(*values)`` returns, run with the SQL compiled for ``key`` (see the module)."""
    if values and _stand_ins(values, 0) is None:  # a value with no stand-in: this query is compiled as it is
        return build(*values)
    checked = settings.COMPILED_QUERIES_CHECKED
    if not checked:
        entry = _kept_entry(DEFAULT_DB_ALIAS, key, values)
        if entry is not None and entry is not UNCOMPILABLE and entry.prototype is not None:
            return _copy_of(entry, build, values)
    queryset = build(*values)
    alias = queryset.db
    entry = _entry(key, build, alias, values)
    if entry is UNCOMPILABLE:
        return queryset
    params = entry.params_at(now(), connections[alias], values)
    if checked:
        _check(queryset, entry, params, alias)
        if entry.prototype is not None:
            if not _reusable(queryset, alias) or queryset.__class__ is not entry.prototype.__class__:
                raise AssertionError(f"{key!r}: built otherwise than its first build: the key misses something")
            return _copy_of(entry, build, values)
    if entry.prototype is None and _reusable(queryset, alias):
        entry.prototype = queryset._chain()  # as built, never read: the copies share its query's state
        return _copy_of(entry, build, values)
    queryset.query.__class__ = _CompiledQuery
    queryset.query.compiled_as = (entry, params)
    return queryset


def _reusable(queryset, alias):
    """Whether later calls may be given copies of this queryset rather than build it again (see the module)."""
    return (
        alias == DEFAULT_DB_ALIAS
        and type(queryset.query) is Query
        and not queryset._prefetch_related_lookups
        and not queryset._known_related_objects
        and queryset._result_cache is None
        and not queryset._for_write
        and not queryset._sticky_filter
        and not queryset._defer_next_filter
        and queryset._deferred_filter is None
    )


def _copy_of(entry, build, values):
    """A queryset like the entry's first build that reads its rows with this call's parameters; chained
    further, it is built afresh from ``build(*values)`` (_CopiedQuery.clone)."""
    prototype = entry.prototype
    query = object.__new__(_CopiedQuery)
    query.__dict__.update(prototype.query.__dict__)
    query.compiled_as = (entry, entry.params_at(now(), connections[DEFAULT_DB_ALIAS], values))
    query.built_afresh = lambda: build(*values).query
    queryset = object.__new__(prototype.__class__)
    queryset.__dict__.update(prototype.__dict__)
    queryset._query, queryset._hints, queryset._known_related_objects = query, dict(prototype._hints), {}
    return queryset


def first_or_none(key, build, *values):
    """The first row of the queryset ``build(*values)`` returns (in its order), or None, with the SQL compiled
    for ``key``."""
    for row in compiled(key, lambda *given: build(*given)[:1], *values):
        return row
    return None


def get_or_404(key, build, *values):
    """The row ``build(*values)`` finds by a unique field (get_object_or_404's answer, a 404 when there is
    none), with the SQL compiled for ``key``."""
    row = first_or_none(key, build, *values)
    if row is None:
        raise Http404("No such row")
    return row


class CompiledPaginator(Paginator):
    """A Paginator of the queryset ``build(*values)`` returns whose count and pages are read with SQL compiled
    once per ``key`` (and page)."""

    def __init__(self, key, build, per_page, *, values=(), **kwargs):
        # Its rows are read by count and page() alone, each from a build of its own.
        super().__init__((), per_page, **kwargs)
        self.key, self.build, self.values = key, build, values

    @cached_property
    def count(self):
        rows = compiled(
            (*self.key, "count"),
            lambda *given: self.build(*given).order_by().values_list("pk", flat=True),
            *self.values,
        )
        if not isinstance(rows.query, _CompiledQuery):
            return rows.count()
        entry, params = rows.query.compiled_as
        with connections[rows.db].cursor() as cursor:  # the rows' ids, counted: COUNT(*) as Django's count() reads
            cursor.execute(f"SELECT COUNT(*) FROM ({entry.sql}) counted", params)
            return cursor.fetchone()[0]

    def page(self, number):
        # As Paginator.page() cuts the list (the last page takes the orphans).
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = compiled((*self.key, bottom, top), lambda *given: self.build(*given)[bottom:top], *self.values)
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
