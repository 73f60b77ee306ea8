"""Counting a page view: a handful of single-row atomic statements, no cookie, no stored address."""

import hashlib
import re
import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Min, Sum
from django.utils import timezone

from accounts.lockout import client_address
from visitors.models import DailySalt, DailyVisitor, DailyVisits, PathViews

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|line-poker|preview|curl|wget|python-requests|httpx|"
    r"headless|lighthouse|monitor|uptime|scan|feed|fetch",
    re.IGNORECASE,
)
TOTALS_CACHE_KEY = "visitors:totals"
TOTALS_CACHE_SECONDS = 60
PATH_MAX_LENGTH = 300


def is_bot(user_agent):
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def salt_of(day):
    """The day's random salt, made by the first visit of the day; older salts and hashes are deleted then."""
    key = f"visitors:salt:{day.isoformat()}"
    salt = cache.get(key)
    if salt:
        return salt
    row = DailySalt.objects.filter(date=day).first()
    if row is None:
        try:
            with transaction.atomic():
                row = DailySalt.objects.create(date=day, salt=secrets.token_hex(32))
        except IntegrityError:  # another request made it first
            row = DailySalt.objects.get(date=day)
        DailySalt.objects.filter(date__lt=day).delete()
        DailyVisitor.objects.filter(date__lt=day).delete()
    cache.set(key, row.salt, 60 * 60 * 26)
    return row.salt


def visitor_digest(request, day):
    address = client_address(request) or ""
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    return hashlib.sha256(f"{salt_of(day)}|{address}|{user_agent}".encode()).hexdigest()


def _increment(model, lookup, **counts):
    """UPDATE ... SET n = n + 1 on one row, creating the row the first time (safe under concurrent requests)."""
    updates = {field: F(field) + amount for field, amount in counts.items()}
    if model.objects.filter(**lookup).update(**updates):
        return
    try:
        with transaction.atomic():
            model.objects.create(**lookup, **counts)
    except IntegrityError:
        model.objects.filter(**lookup).update(**updates)


def record_view(request, path):
    day = timezone.localdate()
    new_visitor = False
    try:
        with transaction.atomic():
            DailyVisitor.objects.create(date=day, digest=visitor_digest(request, day))
        new_visitor = True
    except IntegrityError:
        pass
    _increment(DailyVisits, {"date": day}, page_views=1, visitors=1 if new_visitor else 0)
    _increment(PathViews, {"date": day, "path": path[:PATH_MAX_LENGTH]}, views=1)


def totals(refresh=False):
    """Today, this month and all time, from a cached value (recounted at most once a minute)."""
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
    return value


def cached_totals():
    """What the footer shows: only ever the cached value, so drawing a page never adds a query."""
    return cache.get(TOTALS_CACHE_KEY)
