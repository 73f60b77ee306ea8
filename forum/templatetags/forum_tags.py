"""The forum's permission questions and plain-text rendering, for templates.

The filters call forum/permissions.py, the same functions the views call, so a button is shown
exactly when the view behind it would accept the click.
"""

from django import template

from forum import permissions, views
from forum.text import render_plain_text

register = template.Library()


@register.simple_tag
def forum_boards():
    """The boards, as the forum's index lists them (read in a part of its own)."""
    return views.published_boards()


@register.simple_tag(takes_context=True)
def forum_latest_topics(context):
    """The topics with the latest posts that this visitor may see (read in a part of its own)."""
    return views.latest_topics(context["user"])


@register.filter
def plain_text(value):
    """A member's text, escaped, with its line breaks and web addresses as links."""
    return render_plain_text(value)


@register.filter
def reply_refusal(user, topic):
    return permissions.reply_refusal(user, topic) or ""


@register.filter
def posting_refusal(user, board):
    return permissions.posting_refusal(user, board) or ""


@register.filter
def can_edit(user, post):
    return permissions.can_edit(user, post)


@register.filter
def can_moderate(user):
    return permissions.can_moderate(user)


@register.filter
def is_forum_member(user):
    return permissions.is_member(user)


@register.filter
def display_name(user):
    """The name a member is shown under: full name, else username; a deleted account says so."""
    if user is None:
        return "ผู้ใช้ที่ถูกลบ"
    return user.get_full_name() or user.get_username()
