"""The discussion board: boards hold topics, topics hold posts.

Counters (a topic's replies and last post, a board's topics and posts) are denormalised for cheap
lists and are written only by forum/services.py, inside a transaction that locks the row it counts.
"""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.images import SafeImageField, missing_alt_text
from core.loading import QuicklyLoaded
from core.models import PublishableQuerySet
from core.reversing import reverse

TITLE_MAX_LENGTH = 150
BODY_MAX_LENGTH = 10_000
HIDDEN_PLACEHOLDER = "ข้อความนี้ถูกซ่อนโดยผู้ดูแล"
# Board slugs share /forum/<slug>/ with the forum's own pages.
RESERVED_SLUGS = {"topic", "post", "rss", "new"}


def is_blank(text: str | None) -> bool:
    """True when the text holds nothing a reader could see: spaces, line breaks, zero-width or bidi marks."""
    return not any(not ch.isspace() and unicodedata.category(ch) not in {"Cf", "Cc", "Zs"} for ch in text or "")


class BoardQuerySet(PublishableQuerySet):
    def published(self):
        """Every board is readable by the public; a closed board only stops new posts."""
        return self.all()

    def open(self):
        return self.filter(is_closed=False)


class Board(QuicklyLoaded):
    """A room of the discussion board (ประชุมสภา, ข้อเสนอโครงการ, ถาม-ตอบ…), added and ordered by clerks."""

    title = models.CharField("ชื่อห้อง", max_length=100)
    slug = models.SlugField(
        "ชื่อในลิงก์",
        max_length=60,
        unique=True,
        help_text="ส่วนท้ายของลิงก์ เช่น council-meetings ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และขีด (-) "
        "เปลี่ยนภายหลังแล้วลิงก์เดิมของห้องจะใช้ไม่ได้ (ลิงก์ของแต่ละกระทู้ยังใช้ได้เสมอ)",
    )
    description = models.TextField("คำอธิบาย", max_length=500, blank=True, help_text="ห้องนี้ใช้คุยเรื่องอะไร แสดงใต้ชื่อห้อง")
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="เลขน้อยแสดงก่อน")
    is_closed = models.BooleanField("ปิดห้อง", default=False, help_text="ห้องที่ปิดแล้วยังอ่านได้ แต่ตั้งกระทู้หรือตอบเพิ่มไม่ได้")
    topic_count = models.PositiveIntegerField("จำนวนกระทู้", default=0, editable=False)
    post_count = models.PositiveIntegerField("จำนวนข้อความ", default=0, editable=False)
    last_post_at = models.DateTimeField("ข้อความล่าสุดเมื่อ", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("ปรับปรุงล่าสุด", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="แก้ไขล่าสุดโดย",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )

    objects = BoardQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "ห้องสนทนา"
        verbose_name_plural = "ห้องสนทนา"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum:board", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": ValidationError("ชื่อในลิงก์นี้ระบบใช้อยู่แล้ว กรุณาเลือกชื่ออื่น", code="slug_reserved")})


class TopicQuerySet(PublishableQuerySet):
    def published(self):
        """What the public may open: topics with at least one post that is not hidden."""
        return self.filter(post_count__gt=0)

    def in_list_order(self):
        """Pinned topics first, then the most recently active."""
        return self.order_by("-is_pinned", models.F("last_post_at").desc(nulls_last=True), "-pk")


class Topic(QuicklyLoaded):
    board = models.ForeignKey(Board, verbose_name="ห้อง", on_delete=models.PROTECT, related_name="topics")
    title = models.CharField("หัวข้อ", max_length=TITLE_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ผู้ตั้งกระทู้",
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_topics",
    )
    is_pinned = models.BooleanField("ปักหมุด", default=False, help_text="กระทู้ที่ปักหมุดแสดงบนสุดของห้อง")
    is_locked = models.BooleanField("ล็อกกระทู้", default=False, help_text="กระทู้ที่ล็อกแล้วยังอ่านได้ แต่ตอบเพิ่มไม่ได้")
    # Written only by forum/services.py.
    post_count = models.PositiveIntegerField("จำนวนข้อความที่แสดง", default=0, editable=False)
    reply_count = models.PositiveIntegerField("จำนวนคำตอบ", default=0, editable=False)
    last_post = models.ForeignKey(
        "Post", verbose_name="ข้อความล่าสุด", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )  # fmt: skip
    last_post_at = models.DateTimeField("ตอบล่าสุดเมื่อ", null=True, blank=True, editable=False, db_index=True)
    last_post_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ตอบล่าสุดโดย",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("ตั้งกระทู้เมื่อ", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("ปรับปรุงล่าสุด", auto_now=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", models.F("last_post_at").desc(nulls_last=True), "-pk"]
        verbose_name = "กระทู้"
        verbose_name_plural = "กระทู้"
        indexes = [models.Index(fields=["board", "-is_pinned", "-last_post_at"], name="forum_topic_list_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum:topic", kwargs={"pk": self.pk})

    def get_last_post_url(self):
        return reverse("forum:topic_last", kwargs={"pk": self.pk})

    def clean(self):
        if is_blank(self.title):
            raise ValidationError({"title": ValidationError("กรุณาพิมพ์หัวข้อกระทู้", code="title_blank")})


class PostQuerySet(PublishableQuerySet):
    def published(self):
        """What the public may read: posts a moderator has not hidden.

        Such a post's topic is published too (a topic is published while it holds one visible post), so
        these are the published posts of published topics, which is what search finds.
        """
        return self.filter(is_hidden=False)


class Post(QuicklyLoaded):
    topic = models.ForeignKey(Topic, verbose_name="กระทู้", on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ผู้เขียน",
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_posts",
    )
    body = models.TextField("ข้อความ", max_length=BODY_MAX_LENGTH, help_text="ข้อความธรรมดา ลิงก์เว็บจะกดได้เอง")
    image = SafeImageField(
        "ภาพประกอบ",
        upload_to="forum/%Y/%m/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        help_text="ไม่บังคับ ภาพ JPEG, PNG, GIF หรือ WebP ไม่เกิน 20 MB",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "คำอธิบายภาพ", max_length=200, blank=True, help_text="บอกสั้น ๆ ว่าในภาพมีอะไร สำหรับผู้พิการทางสายตา"
    )
    quoted_post = models.ForeignKey(
        "self", verbose_name="อ้างถึงข้อความ", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_hidden = models.BooleanField("ซ่อนโดยผู้ดูแล", default=False)
    hidden_reason = models.CharField("เหตุผลที่ซ่อน", max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ซ่อนโดย",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    hidden_at = models.DateTimeField("ซ่อนเมื่อ", null=True, blank=True, editable=False)
    edited_at = models.DateTimeField("แก้ไขล่าสุดเมื่อ", null=True, blank=True, editable=False)
    # The form's one-time token: a double click sends the same token twice and makes one post.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField("เขียนเมื่อ", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("ปรับปรุงล่าสุด", auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "ข้อความ"
        verbose_name_plural = "ข้อความ"
        constraints = [
            models.UniqueConstraint(fields=["author", "submission_token"], name="forum_post_one_per_submission"),
        ]
        indexes = [
            models.Index(fields=["topic", "created_at"], name="forum_post_topic_idx"),
            models.Index(fields=["author", "-created_at"], name="forum_post_author_idx"),
        ]

    def __str__(self):
        return f"{self.topic} #{self.pk}"

    def get_absolute_url(self):
        return reverse("forum:post", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if is_blank(self.body):
            errors["body"] = ValidationError("กรุณาพิมพ์ข้อความ ข้อความว่างหรือมีแต่ช่องว่างส่งไม่ได้", code="body_blank")
        if error := missing_alt_text(self.image, self.image_alt):
            errors["image_alt"] = error
        if self.is_hidden and not self.hidden_reason.strip():
            errors["hidden_reason"] = ValidationError(
                "กรุณาบอกเหตุผลที่ซ่อนข้อความ ผู้ดูแลคนอื่นจะได้เข้าใจ", code="hidden_reason_required"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def edit_deadline(self):
        return self.created_at + settings.FORUM_EDIT_WINDOW
