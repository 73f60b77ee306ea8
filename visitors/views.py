import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.shortcuts import render
from django.utils import timezone

from visitors.counting import totals
from visitors.models import DailyVisits, PathViews

DAYS_SHOWN = 30
MONTHS_SHOWN = 12
TOP_PAGES = 20


def with_bars(rows, field):
    """Each row gets `bar`, its share of the largest value in percent, for the CSS bar chart."""
    largest = max((row[field] for row in rows), default=0) or 1
    for row in rows:
        row["bar"] = round(row[field] * 100 / largest)
    return rows


@login_required
def statistics(request):
    """The clerks' page: visitors per day and per month, and the most-read pages of the last 30 days."""
    if not request.user.has_perm("visitors.view_dailyvisits"):
        raise PermissionDenied
    today = timezone.localdate()
    since = today - datetime.timedelta(days=DAYS_SHOWN - 1)
    counted = {row.date: row for row in DailyVisits.objects.filter(date__gte=since)}
    daily = []
    for offset in range(DAYS_SHOWN):
        day = since + datetime.timedelta(days=offset)
        row = counted.get(day)
        daily.append({"date": day, "visitors": row.visitors if row else 0, "page_views": row.page_views if row else 0})
    month_start = (today.replace(day=1) - datetime.timedelta(days=31 * (MONTHS_SHOWN - 1))).replace(day=1)
    monthly = list(
        DailyVisits.objects.filter(date__gte=month_start)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(visitors=Sum("visitors"), page_views=Sum("page_views"))
        .order_by("month")
    )
    top_pages = list(
        PathViews.objects.filter(date__gte=since)
        .values("path")
        .annotate(views=Sum("views"))
        .order_by("-views", "path")[:TOP_PAGES]
    )
    return render(
        request,
        "visitors/statistics.html",
        {
            "totals": totals(refresh=True),
            "daily": with_bars(daily, "visitors"),
            "monthly": with_bars(monthly, "visitors"),
            "top_pages": with_bars(top_pages, "views"),
            "breadcrumbs": [("สถิติผู้เยี่ยมชม", None)],
        },
    )
