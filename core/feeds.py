"""Text for feed readers, shared by every app's RSS feeds.

Feed readers decode an item's description, and most its title too, as HTML once the XML is read. So plain
text goes into a description escaped as HTML (``feed_html``), and a title carries no markup at all
(``feed_plain_text``): what a clerk or a member typed reaches the reader as text, never as an element.
"""

import html
import re

from django.utils.html import linebreaks, strip_tags

# What an HTML parser reads as the start of a tag, a comment or a declaration; "<" before anything else is text.
_TAG_OPENER = re.compile(r"<+(?=[A-Za-z/!?])")


def feed_plain_text(text: str | None) -> str:
    """Text without markup for a title, a category or a name: shown the same by a reader that treats it as
    text and by one that renders it as HTML."""
    text = text or ""
    plain = strip_tags(text)
    if not plain.strip():
        plain = text.replace("<", "").replace(">", "")  # a title made only of "markup" is still its words
    # strip_tags leaves an unclosed tag ("<img src=x onerror=…" at the end), which would swallow the markup
    # of the reader's page around the title: take its opening bracket away.
    return " ".join(_TAG_OPENER.sub("", plain).split())


def feed_html(text: str | None) -> str:
    """Plain text as HTML for a description: escaped, with its paragraphs and line breaks."""
    return linebreaks(text or "", autoescape=True)


def rich_text_as_plain_text(body: str | None) -> str:
    """The words of a rich-text body, entities decoded: plain text to be escaped again for a feed."""
    return " ".join(html.unescape(strip_tags(body or "")).split())
