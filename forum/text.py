"""Members' plain text as safe HTML: escaped, paragraphs and line breaks kept, web addresses made links.

The text is split into web addresses and the rest *before* escaping; every piece is escaped on its own
and only our own <p>, <br> and <a> tags are added around them, so nothing a member types can become markup.
A web address is ASCII only (no quote, angle bracket or space can end up inside an attribute) and
starts with http://, https:// or www.; every other scheme (javascript:, data:…) stays plain text.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

LINK_REL = "nofollow ugc noopener"
MAX_LINK_TEXT = 60
URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]"
URL_RE = re.compile(rf"(?<![A-Za-z0-9@/])(?:https?://|www\.){URL_CHARS}+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?*'"
BLANK_LINE_RE = re.compile(r"\n[ \t\u00a0]*\n+")


def _trim(url: str) -> str:
    """Leave sentence punctuation and an unmatched closing bracket outside the link."""
    while url:
        last = url[-1]
        if (
            last in TRAILING_PUNCTUATION
            or last == ")"
            and url.count("(") < url.count(")")
            or last == "]"
            and url.count("[") < url.count("]")
        ):
            url = url[:-1]
        else:
            break
    return url


def _link(url: str) -> str:
    href = url if re.match(r"https?://", url, re.IGNORECASE) else f"https://{url}"
    shown = url if len(url) <= MAX_LINK_TEXT else url[: MAX_LINK_TEXT - 1] + "…"
    return f'<a href="{escape(href)}" rel="{LINK_REL}">{escape(shown)}</a>'


def linkify_escaped(text: str) -> str:
    """Escaped text with its web addresses turned into links (no paragraphs)."""
    out, position = [], 0
    for match in URL_RE.finditer(text):
        url = _trim(match.group())
        prefix = re.match(r"https?://|www\.", url, re.IGNORECASE)
        if not prefix or not re.match(r"[A-Za-z0-9]", url[prefix.end() :]):
            continue  # "https://" alone, or "http://.." : not an address
        start = match.start()
        out.append(escape(text[position:start]))
        out.append(_link(url))
        position = start + len(url)
    out.append(escape(text[position:]))
    return "".join(out)


def render_plain_text(text: str) -> str:
    """Paragraphs on blank lines, <br> on single line breaks, links; everything typed is escaped."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text.strip():
        return mark_safe("")
    paragraphs = BLANK_LINE_RE.split(text)
    html = "\n".join(
        "<p>" + "<br>".join(linkify_escaped(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )
    return mark_safe(html)  # noqa: S308 - every piece of member text above went through escape()
