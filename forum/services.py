"""Every write to the discussion board, and the only place that writes its counters.

Each function runs in one transaction and locks the topic (and the board) row it is about to count
with SELECT … FOR UPDATE, so concurrent replies queue up and the counters stay exact. Counters are
recounted from the posts rather than incremented: whatever happened before, they end up true.

Locks are always taken in one global order, so that no two writes can wait for each other:
the author's user row, then topics (by pk when several), then boards (by pk when several).
``_lock_topic`` locks the topic row only (``FOR UPDATE OF``): a plain FOR UPDATE over the join with the
board would also lock the board, before the boards' turn, and two opposite moves would deadlock.
"""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from forum import permissions
from forum.models import Board, Post, Topic

POSTS_PER_PAGE = 20


class ForumRefusal(Exception):
    """A write the rules do not allow; ``message`` is Thai and tells the user what to do."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


class PostingTooFast(ForumRefusal):
    def __init__(self, seconds_left):
        super().__init__(
            f"คุณเพิ่งส่งข้อความไปเมื่อสักครู่ กรุณารออีก {seconds_left} วินาทีแล้วกดส่งอีกครั้ง ข้อความที่พิมพ์ไว้ยังอยู่ในช่องด้านล่าง",
            code="posting_too_fast",
        )
        self.seconds_left = seconds_left


@dataclass
class Submitted:
    post: Post
    created: bool  # False when the same form was sent twice (a double click): the first post is returned


# --- counters: written here and nowhere else ---------------------------------------------------------


def _recount_topic(topic: Topic):
    visible = topic.posts.published()
    counts = visible.aggregate(
        posts=Count("pk"),
        replies=Count("pk", filter=~Q(pk=topic.posts.order_by("created_at", "pk").values("pk")[:1])),
    )
    last = visible.order_by("-created_at", "-pk").only("pk", "created_at", "author_id").first()
    topic.post_count = counts["posts"]
    topic.reply_count = counts["replies"]
    topic.last_post = last
    topic.last_post_at = last.created_at if last else None
    topic.last_post_author_id = last.author_id if last else None
    topic.save(
        update_fields=["post_count", "reply_count", "last_post", "last_post_at", "last_post_author", "updated_at"]
    )


def _recount_board(board: Board):
    topics = Topic.objects.filter(board=board).published()
    totals = topics.aggregate(topics=Count("pk"), posts=Sum("post_count"), last=Max("last_post_at"))
    Board.objects.filter(pk=board.pk).update(
        topic_count=totals["topics"], post_count=totals["posts"] or 0, last_post_at=totals["last"]
    )


def _lock_topic(topic) -> Topic:
    # OF ("self"): the joined board row is read, not locked; boards are locked after topics (see above).
    return Topic.objects.select_for_update(of=("self",)).select_related("board").get(pk=topic.pk)


def _lock_board(board) -> Board:
    return Board.objects.select_for_update().get(pk=board.pk)


@transaction.atomic
def topic_recount(*, topic: Topic):
    """Recount one topic and its board (after a clerk's bulk change, or demo content with older dates)."""
    topic = _lock_topic(topic)
    _recount_topic(topic)
    _recount_board(_lock_board(topic.board))


# --- posting -----------------------------------------------------------------------------------------


def _check_rate(author, now):
    """One post per FORUM_POST_MIN_INTERVAL_SECONDS per member; the caller holds the author's row lock."""
    interval = settings.FORUM_POST_MIN_INTERVAL_SECONDS
    if interval <= 0:
        return
    latest = (
        Post.objects.filter(author=author, created_at__gt=now - timedelta(seconds=interval))
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if latest:
        raise PostingTooFast(max(1, math.ceil(interval - (now - latest).total_seconds())))


def _lock_author(author):
    # Serialises one member's submissions: the duplicate check and the rate limit then see every earlier post.
    get_user_model().objects.select_for_update().filter(pk=author.pk).first()


def _previous_submission(author, token):
    if token is None:
        return None
    return Post.objects.filter(author=author, submission_token=token).select_related("topic").first()


def _create_post(**fields) -> Post:
    post = Post(**fields)
    try:
        with transaction.atomic():
            post.save()
    except IntegrityError:
        # The same form arrived twice at once; the other request made the post.
        previous = _previous_submission(fields["author"], fields.get("submission_token"))
        if previous is None:
            raise
        return previous
    return post


@transaction.atomic
def topic_create(*, board, author, title, body, image=None, image_alt="", token=None, rate_limit=True) -> Submitted:
    """A new topic with its opening post."""
    _lock_author(author)
    previous = _previous_submission(author, token)
    if previous:
        return Submitted(post=previous, created=False)
    board = _lock_board(board)
    refusal = permissions.posting_refusal(author, board)
    if refusal:
        raise ForumRefusal(refusal, code="posting_refused")
    now = timezone.now()
    if rate_limit:
        _check_rate(author, now)
    topic = Topic.objects.create(board=board, title=title.strip(), author=author, created_at=now)
    post = _create_post(
        topic=topic, author=author, body=body, image=image or None, image_alt=image_alt, submission_token=token,
        created_at=now,
    )  # fmt: skip
    _recount_topic(topic)
    _recount_board(board)
    return Submitted(post=post, created=True)


@transaction.atomic
def post_reply(*, topic, author, body, image=None, image_alt="", quoted_post=None, token=None, rate_limit=True):
    """A reply at the end of a topic; returns Submitted."""
    _lock_author(author)
    previous = _previous_submission(author, token)
    if previous:
        return Submitted(post=previous, created=False)
    topic = _lock_topic(topic)
    refusal = permissions.reply_refusal(author, topic)
    if refusal:
        raise ForumRefusal(refusal, code="reply_refused")
    if quoted_post is not None and (quoted_post.topic_id != topic.pk or quoted_post.is_hidden):
        quoted_post = None  # only a visible post of the same topic can be quoted
    now = timezone.now()
    if rate_limit:
        _check_rate(author, now)
    post = _create_post(
        topic=topic, author=author, body=body, image=image or None, image_alt=image_alt, quoted_post=quoted_post,
        submission_token=token, created_at=now,
    )  # fmt: skip
    _recount_topic(topic)
    _recount_board(_lock_board(topic.board))
    return Submitted(post=post, created=True)


@transaction.atomic
def post_edit(*, post, editor, body, image=None, image_alt=None, remove_image=False) -> Post:
    """The author's own correction, within the edit window; stamps "แก้ไขล่าสุด"."""
    topic = _lock_topic(post.topic)
    post = Post.objects.select_for_update().get(pk=post.pk)
    post.topic = topic
    refusal = permissions.edit_refusal(editor, post)
    if refusal:
        raise ForumRefusal(refusal, code="edit_refused")
    post.body = body
    replaced = post.image if post.image and (remove_image or image) else None
    if remove_image:
        post.image = None
        post.image_alt = ""
    if image:
        post.image = image
    if image_alt is not None and post.image:
        post.image_alt = image_alt
    post.edited_at = timezone.now()
    post.save()
    if replaced:
        name, storage = replaced.name, replaced.storage
        transaction.on_commit(lambda: storage.delete(name))
    return post


# --- moderation --------------------------------------------------------------------------------------


def _require_moderator(user):
    if not permissions.can_moderate(user):
        raise ForumRefusal("เฉพาะเจ้าหน้าที่ผู้ดูแลกระดานเท่านั้นที่ทำรายการนี้ได้", code="not_moderator")


@transaction.atomic
def post_hide(*, post, moderator, reason) -> Post:
    _require_moderator(moderator)
    reason = (reason or "").strip()
    if not reason:
        raise ForumRefusal("กรุณาบอกเหตุผลที่ซ่อนข้อความ", code="hidden_reason_required")
    topic = _lock_topic(post.topic)
    post = Post.objects.select_for_update().get(pk=post.pk)
    post.is_hidden, post.hidden_reason, post.hidden_by, post.hidden_at = True, reason, moderator, timezone.now()
    post.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at", "updated_at"])
    _recount_topic(topic)
    _recount_board(_lock_board(topic.board))
    return post


@transaction.atomic
def post_restore(*, post, moderator) -> Post:
    _require_moderator(moderator)
    topic = _lock_topic(post.topic)
    post = Post.objects.select_for_update().get(pk=post.pk)
    post.is_hidden, post.hidden_reason, post.hidden_by, post.hidden_at = False, "", None, None
    post.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at", "updated_at"])
    _recount_topic(topic)
    _recount_board(_lock_board(topic.board))
    return post


@transaction.atomic
def topic_set_flags(*, topic, moderator, is_pinned=None, is_locked=None) -> Topic:
    """Pin/unpin and lock/unlock."""
    _require_moderator(moderator)
    topic = _lock_topic(topic)
    if is_pinned is not None:
        topic.is_pinned = is_pinned
    if is_locked is not None:
        topic.is_locked = is_locked
    topic.save(update_fields=["is_pinned", "is_locked", "updated_at"])
    return topic


@transaction.atomic
def topic_move(*, topic, moderator, board) -> Topic:
    _require_moderator(moderator)
    topic = _lock_topic(topic)
    old_board = topic.board
    if old_board.pk == board.pk:
        return topic
    # The topic first, then both boards by pk: the global order, so two opposite moves cannot deadlock.
    for locked in sorted([old_board, board], key=lambda b: b.pk):
        _lock_board(locked)
    topic.board = board
    topic.save(update_fields=["board", "updated_at"])
    _recount_board(old_board)
    _recount_board(board)
    return topic


@transaction.atomic
def topic_delete(*, topic, moderator):
    """Deletes the topic and all its posts (and their images) for good."""
    _require_moderator(moderator)
    topic = _lock_topic(topic)
    board = _lock_board(topic.board)
    images = [post.image for post in topic.posts.exclude(image="")]
    Topic.objects.filter(pk=topic.pk).update(last_post=None)
    topic.delete()
    _recount_board(board)
    transaction.on_commit(lambda: [image.delete(save=False) for image in images])


# --- reading helpers ---------------------------------------------------------------------------------


def post_page_number(post) -> int:
    """The page of its topic on which a post appears (hidden posts keep their place as placeholders)."""
    before = Post.objects.filter(topic_id=post.topic_id).filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    )
    return before.count() // POSTS_PER_PAGE + 1
