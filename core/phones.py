"""The one rule that turns a phone text a clerk typed into a number a phone can dial."""

import re

# What ends the first number: a second number, an extension, a note in brackets.
_FIRST_NUMBER_ENDS = re.compile(r"[,/;(]|ต่อ|หรือ")


def tel_href(phone: str | None) -> str:
    """``"0 5500 0000 ต่อ 12, 08..."`` → ``"tel:055000000"``; "" when there is no dialable number."""
    first = _FIRST_NUMBER_ENDS.split(phone or "", maxsplit=1)[0]
    digits = "".join(ch for ch in first if (ch.isdigit() and ch.isascii()) or ch == "+")
    return f"tel:{digits}" if len(digits) >= 6 else ""
