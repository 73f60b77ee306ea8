"""Thin views: check permission (forum/permissions.py), validate the form, call forum/services.py, redirect."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.compiled import CompiledPaginator, compiled, get_or_404
from core.models import can_preview, without_bookkeeping
from core.reversing import reverse
from forum import permissions, services
from forum.forms import HideForm, MoveForm, PostEditForm, PostForm, TopicForm
from forum.models import Board, Post, Topic
from forum.services import POSTS_PER_PAGE, ForumRefusal, PostingTooFast

TOPICS_PER_PAGE = 30
FORUM_TITLE = "กระดานสนทนา"


def forbidden(request, message, *, title="ทำรายการนี้ไม่ได้", back_url=None, status=403):
    """A Thai page that says why, instead of a bare 403."""
    context = {"title": title, "message": message, "back_url": back_url or reverse("forum:index")}
    context["breadcrumbs"] = [(FORUM_TITLE, reverse("forum:index")), (title, None)]
    return render(request, "forum/forbidden.html", context, status=status)


def _role_required(check, message):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                return forbidden(request, message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


member_required = _role_required(permissions.is_member, permissions.NOT_A_MEMBER)
moderator_required = _role_required(
    permissions.can_moderate, "เฉพาะเจ้าหน้าที่ผู้ดูแลกระดานเท่านั้นที่ทำรายการนี้ได้ หากคิดว่าควรทำได้ กรุณาติดต่อผู้ดูแลระบบ"
)


def post_url(post) -> str:
    """The topic page that shows this post, scrolled to it."""
    page = services.post_page_number(post)
    url = reverse("forum:topic", kwargs={"pk": post.topic_id})
    return f"{url}{'' if page == 1 else f'?page={page}'}#post-{post.pk}"


def _visible_topics(user):
    return Topic.objects.visible_to(user)


def _names_of_members(queryset, *relations):
    """``queryset`` with the members its ``relations`` lead to read for what the pages show of them: their names
    (display_name). The rest of their rows (the password's hash, the last login, written at each login) is
    left unread: the lists' memos (core/memo.py) are keyed by what was loaded, so a member logging in, or
    changing their password, no longer makes their topics and posts render again."""
    user = get_user_model()
    shown = {user.USERNAME_FIELD, "first_name", "last_name"}
    unshown = [field.name for field in user._meta.concrete_fields if not field.primary_key and field.name not in shown]
    return queryset.defer(*(f"{relation}__{name}" for relation in relations for name in unshown))


def _topic_or_404(request, pk):
    return get_or_404(
        ("forum.topic", can_preview(request.user, Topic)),
        lambda pk: _names_of_members(
            without_bookkeeping(
                _visible_topics(request.user).select_related("board", "author").filter(pk=pk),
                "board",
                shown=["created_at"],
            ),
            "author",
        ),
        pk,
    )


def _post_or_404(request, pk):
    post = get_object_or_404(Post.objects.select_related("topic__board", "author"), pk=pk)
    if not _visible_topics(request.user).filter(pk=post.topic_id).exists():
        raise Http404
    return post


# --- reading -----------------------------------------------------------------------------------------


def index(request):
    # The boards and the latest topics are read in holes of their own (templates/forum/board_list.html): after
    # an edit of a topic or of a member's name, the page is put together again without this view.
    return render(request, "forum/board_list.html", {"breadcrumbs": [(FORUM_TITLE, None)]})


def published_boards():
    return compiled(("forum.boards",), lambda: without_bookkeeping(Board.objects.published()))


def latest_topics(user):
    # The rows show their board, author and last replier: joined here, or each row would query them.
    return compiled(
        ("forum.latest", can_preview(user, Topic)),
        lambda: _names_of_members(
            without_bookkeeping(_visible_topics(user).select_related("board", "author", "last_post_author"), "board"),
            "author",
            "last_post_author",
        ).order_by(F("last_post_at").desc(nulls_last=True), "-pk")[:8],
    )


def board_detail(request, slug):
    board = get_or_404(
        ("forum.board",), lambda slug: without_bookkeeping(Board.objects.published().filter(slug=slug)), slug
    )
    page = CompiledPaginator(
        ("forum.topics", can_preview(request.user, Topic)),
        lambda pk: _names_of_members(
            without_bookkeeping(
                _visible_topics(request.user).filter(board_id=pk).select_related("author", "last_post_author")
            ),
            "author",
            "last_post_author",
        ).in_list_order(),
        TOPICS_PER_PAGE,
        values=(board.pk,),
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "forum/board_detail.html",
        {
            "board": board,
            "page_obj": page,
            "topics": page.object_list,
            "posting_refusal": permissions.posting_refusal(request.user, board),
            "breadcrumbs": [(FORUM_TITLE, reverse("forum:index")), (board.title, None)],
        },
    )


def topic_detail(request, pk):
    topic = _topic_or_404(request, pk)
    page = CompiledPaginator(
        ("forum.posts",),
        lambda pk: _names_of_members(
            without_bookkeeping(
                Post.objects.filter(topic_id=pk).select_related("author", "quoted_post__author", "hidden_by"),
                "quoted_post",
                shown=["created_at"],
            ),
            "author",
            "quoted_post__author",
            "hidden_by",
        ).order_by("created_at", "pk"),
        POSTS_PER_PAGE,
        values=(topic.pk,),
    ).get_page(request.GET.get("page"))
    # Each post's topic is this one, as topic.posts would give them (Django's own way): what may be done with a
    # post (permissions.edit_refusal) reads its topic and board.
    page.object_list._known_related_objects = {Post.topic.field: {topic.pk: topic}}
    refusal = permissions.reply_refusal(request.user, topic)
    return render(
        request,
        "forum/topic_detail.html",
        {
            "topic": topic,
            "board": topic.board,
            "page_obj": page,
            "posts": page.object_list,
            "reply_refusal": refusal,
            "reply_allowed": refusal is None,
            "reply_form": PostForm() if refusal is None else None,
            "is_moderator": permissions.can_moderate(request.user),
            "other_boards": Board.objects.exclude(pk=topic.board_id) if permissions.can_moderate(request.user) else (),
            "breadcrumbs": [
                (FORUM_TITLE, reverse("forum:index")),
                (topic.board.title, topic.board.get_absolute_url()),
                (topic.title, None),
            ],
        },
    )


def topic_last(request, pk):
    topic = _topic_or_404(request, pk)
    last = topic.last_post or topic.posts.order_by("-created_at", "-pk").first()
    if last is None:
        return redirect(topic)
    return redirect(post_url(last))


def post_permalink(request, pk):
    return redirect(post_url(_post_or_404(request, pk)))


# --- posting -----------------------------------------------------------------------------------------


@member_required
def topic_create(request, slug):
    board = get_object_or_404(Board.objects.published(), slug=slug)
    crumbs = [(FORUM_TITLE, reverse("forum:index")), (board.title, board.get_absolute_url()), ("ตั้งกระทู้ใหม่", None)]
    refusal = permissions.posting_refusal(request.user, board)
    if refusal:
        return forbidden(request, refusal, title="ตั้งกระทู้ไม่ได้", back_url=board.get_absolute_url())
    form = TopicForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submitted = services.topic_create(
                board=board, author=request.user, title=data["title"], body=data["body"], image=data.get("image"),
                image_alt=data.get("image_alt", ""), token=data.get("token"),
            )  # fmt: skip
        except PostingTooFast as refusal:
            form.add_error(None, refusal.message)
            status = 429
        except ForumRefusal as refusal:
            return forbidden(request, refusal.message, title="ตั้งกระทู้ไม่ได้", back_url=board.get_absolute_url())
        else:
            if submitted.created:
                messages.success(request, "ตั้งกระทู้เรียบร้อยแล้ว")
            return redirect(submitted.post.topic)
    context = {"form": form, "board": board, "breadcrumbs": crumbs}
    return render(request, "forum/topic_form.html", context, status=status)


@member_required
def post_reply(request, pk):
    topic = _topic_or_404(request, pk)
    refusal = permissions.reply_refusal(request.user, topic)
    if refusal:
        return forbidden(request, refusal, title="ตอบกระทู้ไม่ได้", back_url=topic.get_absolute_url())
    quote_pk = request.POST.get("quote") or request.GET.get("quote")
    quoted = None
    if quote_pk and str(quote_pk).isdigit():
        quoted = topic.posts.published().select_related("author").filter(pk=quote_pk).first()
    form = PostForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submitted = services.post_reply(
                topic=topic, author=request.user, body=data["body"], image=data.get("image"),
                image_alt=data.get("image_alt", ""), quoted_post=quoted, token=data.get("token"),
            )  # fmt: skip
        except PostingTooFast as refusal:
            form.add_error(None, refusal.message)
            status = 429
        except ForumRefusal as refusal:
            return forbidden(request, refusal.message, title="ตอบกระทู้ไม่ได้", back_url=topic.get_absolute_url())
        else:
            if submitted.created:
                messages.success(request, "ส่งคำตอบเรียบร้อยแล้ว")
            return redirect(post_url(submitted.post))
    context = {
        "form": form,
        "topic": topic,
        "quoted": quoted,
        "mode": "reply",
        "breadcrumbs": [
            (FORUM_TITLE, reverse("forum:index")),
            (topic.board.title, topic.board.get_absolute_url()),
            (topic.title, topic.get_absolute_url()),
            ("ตอบกระทู้", None),
        ],
    }
    return render(request, "forum/post_form.html", context, status=status)


@member_required
def post_edit(request, pk):
    post = _post_or_404(request, pk)
    refusal = permissions.edit_refusal(request.user, post)
    if refusal:
        return forbidden(request, refusal, title="แก้ไขข้อความไม่ได้", back_url=post_url(post))
    initial = {"body": post.body, "image_alt": post.image_alt}
    form = PostEditForm(request.POST or None, request.FILES or None, initial=initial, post=post)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = services.post_edit(
                post=post, editor=request.user, body=data["body"], image=data.get("image"),
                image_alt=data.get("image_alt", ""), remove_image=data.get("remove_image", False),
            )  # fmt: skip
        except ForumRefusal as refusal:
            return forbidden(request, refusal.message, title="แก้ไขข้อความไม่ได้", back_url=post_url(post))
        messages.success(request, "บันทึกการแก้ไขเรียบร้อยแล้ว")
        return redirect(post_url(post))
    topic = post.topic
    context = {
        "form": form,
        "topic": topic,
        "post": post,
        "mode": "edit",
        "breadcrumbs": [
            (FORUM_TITLE, reverse("forum:index")),
            (topic.board.title, topic.board.get_absolute_url()),
            (topic.title, topic.get_absolute_url()),
            ("แก้ไขข้อความ", None),
        ],
    }
    return render(request, "forum/post_form.html", context)


# --- moderation --------------------------------------------------------------------------------------


@moderator_required
def post_hide(request, pk):
    post = _post_or_404(request, pk)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.post_hide(post=post, moderator=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, "ซ่อนข้อความแล้ว ผู้อ่านทั่วไปจะเห็นเพียงข้อความแจ้งว่าถูกซ่อน")
        return redirect(post_url(post))
    topic = post.topic
    context = {
        "form": form,
        "post": post,
        "topic": topic,
        "breadcrumbs": [
            (FORUM_TITLE, reverse("forum:index")),
            (topic.board.title, topic.board.get_absolute_url()),
            (topic.title, topic.get_absolute_url()),
            ("ซ่อนข้อความ", None),
        ],
    }
    return render(request, "forum/post_confirm_hide.html", context)


@require_POST
@moderator_required
def post_restore(request, pk):
    post = _post_or_404(request, pk)
    services.post_restore(post=post, moderator=request.user)
    messages.success(request, "แสดงข้อความอีกครั้งแล้ว")
    return redirect(post_url(post))


def _flag_view(flag, on_message, off_message):
    @require_POST
    @moderator_required
    def view(request, pk):
        topic = _topic_or_404(request, pk)
        value = request.POST.get("value") == "1"
        services.topic_set_flags(topic=topic, moderator=request.user, **{flag: value})
        messages.success(request, on_message if value else off_message)
        return redirect(topic)

    return view


topic_pin = _flag_view("is_pinned", "ปักหมุดกระทู้แล้ว", "เลิกปักหมุดกระทู้แล้ว")
topic_lock = _flag_view("is_locked", "ล็อกกระทู้แล้ว สมาชิกจะตอบเพิ่มไม่ได้", "ปลดล็อกกระทู้แล้ว")


@moderator_required
def topic_move(request, pk):
    topic = _topic_or_404(request, pk)
    form = MoveForm(request.POST or None, initial={"board": topic.board_id})
    if request.method == "POST" and form.is_valid():
        services.topic_move(topic=topic, moderator=request.user, board=form.cleaned_data["board"])
        messages.success(request, f"ย้ายกระทู้ไปห้อง “{form.cleaned_data['board'].title}” แล้ว")
        return redirect(topic)
    context = {
        "form": form,
        "topic": topic,
        "breadcrumbs": [
            (FORUM_TITLE, reverse("forum:index")),
            (topic.board.title, topic.board.get_absolute_url()),
            (topic.title, topic.get_absolute_url()),
            ("ย้ายกระทู้", None),
        ],
    }
    return render(request, "forum/topic_move.html", context)


@moderator_required
def topic_delete(request, pk):
    topic = _topic_or_404(request, pk)
    if request.method == "POST":
        board = topic.board
        services.topic_delete(topic=topic, moderator=request.user)
        messages.success(request, f"ลบกระทู้ “{topic.title}” แล้ว")
        return redirect(board)
    context = {
        "topic": topic,
        "breadcrumbs": [
            (FORUM_TITLE, reverse("forum:index")),
            (topic.board.title, topic.board.get_absolute_url()),
            (topic.title, topic.get_absolute_url()),
            ("ลบกระทู้", None),
        ],
    }
    return render(request, "forum/topic_confirm_delete.html", context)
