"""Dates in the Buddhist era, the way Thai readers write them: 23 พฤศจิกายน 2569, 23 พ.ย. 2569."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()

BUDDHIST_ERA_OFFSET = 543
MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip


def _local(value):
    """Aware datetimes are shown in the site's time zone (Asia/Bangkok); dates stay as they are."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def buddhist_year(value) -> int:
    return _local(value).year + BUDDHIST_ERA_OFFSET


@register.filter
def thai_date(value):
    """23 พฤศจิกายน 2569"""
    if not value:
        return ""
    value = _local(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year + BUDDHIST_ERA_OFFSET}"


@register.filter
def thai_date_short(value):
    """23 พ.ย. 2569"""
    if not value:
        return ""
    value = _local(value)
    return f"{value.day} {MONTHS_SHORT[value.month - 1]} {value.year + BUDDHIST_ERA_OFFSET}"


@register.filter
def thai_datetime(value):
    """23 พ.ย. 2569 เวลา 14:05 น."""
    if not value:
        return ""
    value = _local(value)
    return f"{thai_date_short(value)} เวลา {value:%H:%M} น."


@register.filter
def be_year(value):
    """A Gregorian year (or date) as a Buddhist-era year: 2026 → 2569."""
    if value in (None, ""):
        return ""
    if isinstance(value, int | str):
        return int(value) + BUDDHIST_ERA_OFFSET
    return buddhist_year(value)
