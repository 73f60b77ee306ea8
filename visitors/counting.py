"""Counting a page view: kept in the worker's memory and written every few seconds in one transaction of
single-row statements; no cookie, no stored address."""

import hashlib
import logging
import re
import secrets
import threading
import time
from collections import Counter
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Min, Sum
from django.utils import timezone

from accounts.lockout import client_address
from core.page_cache import next_midnight
from visitors.models import DailySalt, DailyVisitor, DailyVisits, PathViews

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|line-poker|preview|curl|wget|python-requests|httpx|"
    r"headless|lighthouse|monitor|uptime|scan|feed|fetch",
    re.IGNORECASE,
)
TOTALS_CACHE_KEY = "visitors:totals"
# Recounted at each flush of the views (every VISITORS_FLUSH_SECONDS while people visit), and at the latest
# after this long.
TOTALS_CACHE_SECONDS = 60 * 60
PATH_MAX_LENGTH = 300
logger = logging.getLogger(__name__)


@lru_cache(maxsize=512)  # a few browsers make most visits; the pattern is long
def is_bot(user_agent):
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


_salt_of_the_day = (None, "")


def salt_of(day):
    """The day's random salt, made by the first visit of the day; older salts and hashes are deleted then.
    Kept in this worker's memory once known: it never changes during the day."""
    global _salt_of_the_day
    if _salt_of_the_day[0] == day:
        return _salt_of_the_day[1]
    key = f"visitors:salt:{day.isoformat()}"
    salt = cache.get(key)
    if not salt:
        row = DailySalt.objects.filter(date=day).first()
        if row is None:
            try:
                with transaction.atomic():
                    row = DailySalt.objects.create(date=day, salt=secrets.token_hex(32))
            except IntegrityError:  # another request made it first
                row = DailySalt.objects.get(date=day)
            DailySalt.objects.filter(date__lt=day).delete()
            DailyVisitor.objects.filter(date__lt=day).delete()
        salt = row.salt
        cache.set(key, salt, 60 * 60 * 26)
    _salt_of_the_day = (day, salt)
    return salt


def visitor_digest(request, day):
    address = client_address(request) or ""
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    return hashlib.sha256(f"{salt_of(day)}|{address}|{user_agent}".encode()).hexdigest()


def _increment(model, lookup, **counts):
    """UPDATE ... SET n = n + k on one row, creating the row the first time (safe under concurrent requests)."""
    updates = {field: F(field) + amount for field, amount in counts.items()}
    if model.objects.filter(**lookup).update(**updates):
        return
    try:
        with transaction.atomic():
            model.objects.create(**lookup, **counts)
    except IntegrityError:
        model.objects.filter(**lookup).update(**updates)


class PendingViews:
    """The page views this worker has counted and not yet written. Writing each view as it comes took
    three statements that lock a row, on every page, the cached ones included; they are written together
    every VISITORS_FLUSH_SECONDS instead (and when the worker stops, gunicorn.conf.py). A worker killed
    outright loses at most those seconds of its counts: statistics, never a resident's submission."""

    def __init__(self):
        self.views = Counter()  # (day, path) -> views
        self.total = 0  # of views: summing them on every page cost more than counting
        self.visitors = set()  # (day, digest) not yet written
        self.started = time.monotonic()

    def __bool__(self):
        return bool(self.views)

    def add(self, day, path, digest):
        self.views[day, path] += 1
        self.total += 1
        if (day, digest) not in _written_visitors:
            self.visitors.add((day, digest))

    def merge(self, other):
        self.views.update(other.views)
        self.total += other.total
        self.visitors |= other.visitors

    def is_due(self):
        return time.monotonic() - self.started >= settings.VISITORS_FLUSH_SECONDS or self.total >= VIEWS_PER_FLUSH

    def write(self):
        """Everything in one transaction: all of it counts, or none of it (and it is tried again)."""
        with transaction.atomic():
            for day in sorted({day for day, _ in self.views}):
                new_visitors = 0
                for digest in sorted(digest for visitor_day, digest in self.visitors if visitor_day == day):
                    try:
                        with transaction.atomic():
                            DailyVisitor.objects.create(date=day, digest=digest)
                        new_visitors += 1
                    except IntegrityError:  # counted already today, by another worker
                        pass
                page_views = sum(n for (view_day, _), n in self.views.items() if view_day == day)
                _increment(DailyVisits, {"date": day}, page_views=page_views, visitors=new_visitors)
                for (view_day, path), n in sorted(self.views.items()):
                    if view_day == day:
                        _increment(PathViews, {"date": day, "path": path}, views=n)


VIEWS_PER_FLUSH = 10_000  # bounds the memory pending views hold, whatever the interval
_pending = PendingViews()
_pending_lock = threading.Lock()  # runserver serves requests in threads
# Visitors of the day this worker has already written: a returning visitor costs no statement. Bounded:
# past the limit it starts again (the database's unique constraint still counts each visitor once).
_written_visitors: set[tuple] = set()
WRITTEN_VISITORS_LIMIT = 20_000


_today = (0.0, None)  # (when the day ends, as a timestamp; the local date until then)


def local_today():
    """timezone.localdate(), read again only when the day has ended: on every page it was a visible cost."""
    global _today
    ends, day = _today
    now = time.time()
    if now >= ends:
        moment = timezone.now()
        day = timezone.localdate(moment)
        _today = (next_midnight(moment).timestamp(), day)
    return day


def record_view(request, path):
    day = local_today()
    digest = visitor_digest(request, day)
    with _pending_lock:
        _pending.add(day, path[:PATH_MAX_LENGTH], digest)
        due = _pending.is_due()
    if due:
        flush()


def flush():
    """Writes this worker's pending views, then recounts the totals the footer shows. On a database error
    the views stay pending for the next try."""
    global _pending
    with _pending_lock:
        pending, _pending = _pending, PendingViews()
    if not pending:
        return
    try:
        pending.write()
    except DatabaseError:
        logger.warning("Page views could not be written; kept for the next try", exc_info=True)
        with _pending_lock:
            _pending.merge(pending)
        return
    if len(_written_visitors) > WRITTEN_VISITORS_LIMIT:
        _written_visitors.clear()
    _written_visitors.update(pending.visitors)
    totals(refresh=True)


def totals(refresh=False):
    """Today, this month and all time, from a cached value (recounted at each flush of the views)."""
    value = None if refresh else cache.get(TOTALS_CACHE_KEY)
    if value is None:
        today = timezone.localdate()
        days = DailyVisits.objects.all()
        value = {
            "today": days.filter(date=today).aggregate(n=Sum("visitors"))["n"] or 0,
            "month": days.filter(date__gte=today.replace(day=1)).aggregate(n=Sum("visitors"))["n"] or 0,
            "total": days.aggregate(n=Sum("visitors"))["n"] or 0,
            "since": days.aggregate(first=Min("date"))["first"],
        }
        cache.set(TOTALS_CACHE_KEY, value, TOTALS_CACHE_SECONDS)
        global _counter_memo
        _counter_memo = (time.monotonic(), value)  # this worker's counter shows the new totals at once
    return value


def cached_totals():
    """What the footer shows: only ever the cached value, so drawing a page never adds a query."""
    return cache.get(TOTALS_CACHE_KEY)


_counter_memo = (0.0, None)
COUNTER_MEMO_SECONDS = 5


def counter_totals():
    """cached_totals() as the counter in a page from the page cache shows it: read again at most every few
    seconds per worker (the totals themselves change at each flush)."""
    global _counter_memo
    now = time.monotonic()
    if now - _counter_memo[0] >= COUNTER_MEMO_SECONDS:
        _counter_memo = (now, cached_totals())
    return _counter_memo[1]


def forget_this_worker():
    """Drops what this worker keeps in memory (the salt, pending views, visitors written): for tests, whose
    rows vanish when their transaction rolls back."""
    global _salt_of_the_day, _pending, _counter_memo
    with _pending_lock:
        _pending = PendingViews()
    _salt_of_the_day = (None, "")
    _counter_memo = (0.0, None)
    _written_visitors.clear()
