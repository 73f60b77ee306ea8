"""Amounts the way Thai plans print them: 1,250,000 บาท (satang only when there are some)."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_amount(value) -> str:
    """1250000 → "1,250,000"; 1250000.5 → "1,250,000.50"; None → "–"."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{amount:,.2f}"


@register.filter
def baht(value):
    """1,250,000 บาท"""
    amount = _decimal(value)
    return "–" if amount is None else f"{format_amount(amount)} บาท"


@register.filter
def amount(value):
    """1,250,000 — for table cells whose column header already says (บาท)."""
    return format_amount(value)


@register.filter
def baht_short(value):
    """A compact label for charts: 1.25 ล้าน, 850,000."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    if abs(amount) >= 1_000_000:
        millions = (amount / 1_000_000).quantize(Decimal("0.01"))
        text = f"{millions:,.2f}".rstrip("0").rstrip(".")
        return f"{text} ล้าน"
    return format_amount(amount)
