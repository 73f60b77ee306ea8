"""The one answer to "may this user do this here?", asked by the views, the services and the templates.

- Everybody reads.
- Members of the group สมาชิกสภา, and staff, start topics and reply, in open boards and unlocked topics.
- Authors edit their own post for settings.FORUM_EDIT_WINDOW after writing it.
- Clerks moderate: active staff with the forum's change permissions on topics and posts.

Each refusal comes with a Thai sentence that says why, so a page can show it instead of a bare 403.
"""

from django.conf import settings
from django.utils import timezone

from accounts.roles import MEMBER_GROUP

MODERATOR_PERMISSIONS = ("forum.change_topic", "forum.change_post", "forum.delete_topic")

BOARD_CLOSED = "ห้องนี้ปิดแล้ว อ่านได้อย่างเดียว ตั้งกระทู้หรือตอบเพิ่มไม่ได้"
TOPIC_LOCKED = "กระทู้นี้ถูกล็อกโดยผู้ดูแล อ่านได้อย่างเดียว ตอบเพิ่มไม่ได้"
NOT_A_MEMBER = "เฉพาะสมาชิกสภาและเจ้าหน้าที่เท่านั้นที่ตั้งกระทู้และตอบได้ ประชาชนทั่วไปอ่านได้ทุกกระทู้"
NOT_LOGGED_IN = "กรุณาเข้าสู่ระบบก่อน (สำหรับสมาชิกสภาและเจ้าหน้าที่)"


def _cached(user, name, compute):
    # A page asks the same question once per post: remember the answer on the user object for the request.
    attribute = f"_forum_{name}"
    if not hasattr(user, attribute):
        setattr(user, attribute, compute())
    return getattr(user, attribute)


def is_member(user) -> bool:
    """May start topics and reply (staff, or a member of the group สมาชิกสภา)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return _cached(user, "is_member", lambda: user.is_staff or user.groups.filter(name=MEMBER_GROUP).exists())


def can_moderate(user) -> bool:
    """May pin, lock, move, delete topics and hide or restore posts."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return _cached(user, "can_moderate", lambda: user.has_perms(MODERATOR_PERMISSIONS))


def posting_refusal(user, board) -> str | None:
    """Why this user may not start a topic in this board, or None when they may."""
    if not user.is_authenticated:
        return NOT_LOGGED_IN
    if not is_member(user):
        return NOT_A_MEMBER
    if board.is_closed:
        return BOARD_CLOSED
    return None


def reply_refusal(user, topic) -> str | None:
    """Why this user may not reply to this topic, or None when they may."""
    if topic.board.is_closed:
        return BOARD_CLOSED
    if topic.is_locked:
        return TOPIC_LOCKED
    if not user.is_authenticated:
        return NOT_LOGGED_IN
    if not is_member(user):
        return NOT_A_MEMBER
    return None


def edit_refusal(user, post, now=None) -> str | None:
    """Why this user may not edit this post, or None when they may."""
    if not user.is_authenticated or post.author_id != user.pk:
        return "แก้ไขได้เฉพาะข้อความของตนเอง"
    if not is_member(user):
        return NOT_A_MEMBER
    if post.is_hidden:
        return "ข้อความนี้ถูกซ่อนโดยผู้ดูแล จึงแก้ไขไม่ได้"
    if post.topic.is_locked or post.topic.board.is_closed:
        return "กระทู้นี้ถูกล็อกหรือห้องปิดแล้ว จึงแก้ไขข้อความไม่ได้"
    if (now or timezone.now()) > post.created_at + settings.FORUM_EDIT_WINDOW:
        minutes = int(settings.FORUM_EDIT_WINDOW.total_seconds() // 60)
        return f"แก้ไขข้อความได้ภายใน {minutes} นาทีหลังจากเขียนเท่านั้น หากต้องการแก้ไขเพิ่ม กรุณาตอบเป็นข้อความใหม่"
    return None


def can_edit(user, post) -> bool:
    return edit_refusal(user, post) is None
