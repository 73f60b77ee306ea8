"""Visitor statistics that track nobody: counts per day and per page, and for each day only salted hashes.

A visitor of the day is a SHA-256 of (that day's random salt, address, browser); the salt is deleted when
the day is over, so yesterday's hashes cannot be linked to anyone, and the hashes go with it. No address,
no cookie, no user agent is ever stored.
"""

from django.db import models

from core.loading import QuicklyLoaded


class DailyVisits(QuicklyLoaded):
    date = models.DateField("วันที่", unique=True)
    page_views = models.PositiveIntegerField("จำนวนการเปิดหน้า", default=0)
    visitors = models.PositiveIntegerField("จำนวนผู้เยี่ยมชม", default=0)

    class Meta:
        ordering = ["-date"]
        verbose_name = "สถิติผู้เยี่ยมชมรายวัน"
        verbose_name_plural = "สถิติผู้เยี่ยมชมรายวัน"

    def __str__(self):
        return f"{self.date}: {self.visitors} คน {self.page_views} ครั้ง"


class PathViews(QuicklyLoaded):
    date = models.DateField("วันที่")
    path = models.CharField("หน้า", max_length=300)
    views = models.PositiveIntegerField("จำนวนการเปิด", default=0)

    class Meta:
        ordering = ["-date", "-views"]
        constraints = [models.UniqueConstraint(fields=["date", "path"], name="visitors_pathviews_date_path")]
        verbose_name = "การเปิดหน้ารายวัน"
        verbose_name_plural = "การเปิดหน้ารายวัน"

    def __str__(self):
        return f"{self.date} {self.path}: {self.views}"


class DailySalt(QuicklyLoaded):
    """Today's random salt; deleted with the day's hashes once the day is over."""

    date = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return str(self.date)


class DailyVisitor(QuicklyLoaded):
    """One visitor of one day, as a salted hash: enough to count them once, not to know who they are."""

    date = models.DateField()
    digest = models.CharField(max_length=64)

    class Meta:
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["date", "digest"], name="visitors_dailyvisitor_date_digest")]

    def __str__(self):
        return f"{self.date} {self.digest[:8]}"
