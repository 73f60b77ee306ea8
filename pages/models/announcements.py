"""Dated announcements in categories (กิจกรรม, ผลงาน, ข่าวสาร, มติ...), with a gallery and attached files."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.text import slugify

from core import compiled
from core.files import AttachmentFileField, human_size, kind_label
from core.images import SafeImageField, missing_alt_text
from core.loading import QuicklyLoaded
from core.models import PublishableQuerySet, TimestampedModel, without_bookkeeping
from core.reversing import reverse
from core.richtext import SanitizedRichTextField

# Paths under /news/ that a category's slug must not take.
RESERVED_CATEGORY_SLUGS = {"rss", "all", "feed", "attachment"}


class Category(TimestampedModel):
    """A dated section of the site: one per entry of the client's menu; clerks may add more."""

    class HomeSection(models.TextChoices):
        HIDDEN = "", "ไม่แสดงบนหน้าแรก"
        PHOTOS = "photos", "แสดงเป็นภาพ (เช่น กิจกรรม)"
        LIST = "list", "แสดงเป็นรายการหัวข้อ (เช่น ข่าวสาร มติ)"

    title = models.CharField("ชื่อหมวด", max_length=150, help_text="ชื่อที่แสดงเป็นหัวข้อของหน้า เช่น กิจกรรมขององค์กร")
    slug = models.SlugField(
        "ชื่อในลิงก์",
        max_length=60,
        unique=True,
        help_text="ส่วนท้ายของลิงก์ /news/…/ ใช้ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด (-) เช่น activities เมื่อมีผู้ใช้ลิงก์แล้วไม่ควรเปลี่ยน",
    )
    description = models.TextField("คำอธิบาย", blank=True, help_text="แสดงใต้หัวข้อของหน้ารายการ (ไม่บังคับ)")
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="เลขน้อยแสดงก่อน")
    home_section = models.CharField(
        "การแสดงบนหน้าแรก",
        max_length=10,
        blank=True,
        choices=HomeSection.choices,
        default=HomeSection.HIDDEN,
        help_text="เลือกว่าจะให้เรื่องล่าสุดของหมวดนี้ขึ้นบนหน้าแรกหรือไม่ และแสดงแบบใด",
    )

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "หมวดข่าวสาร"
        verbose_name_plural = "หมวดข่าวสาร"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:category", kwargs={"category": self.slug})

    def get_feed_url(self):
        return reverse("pages:category_feed", kwargs={"category": self.slug})

    def clean(self):
        if self.slug in RESERVED_CATEGORY_SLUGS:
            raise ValidationError({"slug": ValidationError("ชื่อในลิงก์นี้ระบบใช้อยู่แล้ว กรุณาเลือกชื่ออื่น", code="reserved_slug")})


class AnnouncementQuerySet(PublishableQuerySet):
    def published(self):
        """What the public may see: published, and the publish time has come. Views, feeds, sitemaps and
        the home page all use this one definition; staff preview widens it only after a permission check."""
        return self.filter(status=Announcement.Status.PUBLISHED, publish_at__lte=compiled.now())

    def newest_first(self):
        """Pinned items on top, then the newest."""
        return self.order_by("-is_pinned", "-publish_at", "-pk")

    def as_cards(self):
        """Without what a card in a list never shows: the body (the whole article) and the bookkeeping. Every
        value loaded on an item is in the key of its card's memo (core/memo.py), and the body was most of it."""
        return without_bookkeeping(self.defer("body"))

    def latest_per_category(self, limit):
        """The first ``limit`` items of each category (pinned first, then newest), in one query."""
        ranked = self.annotate(
            rank_in_category=Window(
                RowNumber(),
                partition_by=F("category_id"),
                order_by=[F("is_pinned").desc(), F("publish_at").desc(), F("pk").desc()],
            )
        )
        return ranked.filter(rank_in_category__lte=limit).order_by("category_id", "rank_in_category")


class Announcement(TimestampedModel):
    """A dated item of a category: an activity, an achievement, news, a resolution, a story..."""

    class Status(models.TextChoices):
        DRAFT = "draft", "ฉบับร่าง"
        PUBLISHED = "published", "เผยแพร่"

    category = models.ForeignKey(Category, verbose_name="หมวด", on_delete=models.PROTECT, related_name="announcements")
    title = models.CharField("หัวข้อ", max_length=250)
    slug = models.SlugField(
        "ชื่อในลิงก์",
        max_length=120,
        blank=True,
        help_text="ไม่บังคับ: คำภาษาอังกฤษสั้น ๆ ต่อท้ายลิงก์ เช่น tree-planting-2569 (ตัวอักษรอังกฤษ ตัวเลข และขีด) "
        "ลิงก์ใช้เลขที่ของประกาศ จึงแก้ชื่อนี้หรือหัวข้อภายหลังได้โดยลิงก์เดิมยังใช้ได้",
    )
    summary = models.TextField(
        "สรุปสั้น ๆ",
        blank=True,
        max_length=500,
        help_text="หนึ่งถึงสองประโยค แสดงในหน้ารายการ ผลการค้นหา และเมื่อแชร์ลิงก์",
    )
    body = SanitizedRichTextField("เนื้อหา", blank=True)
    cover_image = SafeImageField(
        "ภาพหน้าปก",
        upload_to="news/covers/%Y/%m/",
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
        help_text="ภาพ JPEG, PNG, GIF หรือ WebP ไม่เกิน 20 MB ภาพแนวนอนดูดีที่สุด",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(
        "คำอธิบายภาพหน้าปก",
        max_length=200,
        blank=True,
        help_text="บอกว่าในภาพมีอะไร สำหรับผู้พิการทางสายตา เช่น ชาวบ้านร่วมกันปลูกต้นไม้ริมแม่น้ำ",
    )
    publish_at = models.DateTimeField(
        "วันเวลาที่เผยแพร่",
        default=timezone.now,
        db_index=True,
        help_text="ถ้าเป็นเวลาในอนาคต ประกาศจะปรากฏต่อสาธารณะเมื่อถึงเวลานั้น (ตั้งเวลาเผยแพร่)",
    )
    status = models.CharField(
        "สถานะ",
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="ฉบับร่างเห็นได้เฉพาะเจ้าหน้าที่ เลือก “เผยแพร่” เมื่อพร้อมให้ประชาชนเห็น",
    )
    is_pinned = models.BooleanField("ปักหมุดไว้บนสุด", default=False, help_text="แสดงก่อนเรื่องอื่นในหน้ารายการของหมวด")
    updated_by = models.ForeignKey(
        "auth.User", verbose_name="แก้ไขล่าสุดโดย", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-publish_at", "-pk"]
        verbose_name = "ข่าวสาร/ประกาศ"
        verbose_name_plural = "ข่าวสารและประกาศ"
        indexes = [models.Index(fields=["category", "status", "publish_at"], name="announcement_listing")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            # Thai titles have no ASCII slug (Django's slugify would drop Thai vowel marks): the pk is enough.
            self.slug = slugify(self.title)[:80].strip("-")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.slug:
            return reverse(
                "pages:announcement_detail",
                kwargs={"category": self.category.slug, "pk": self.pk, "slug": self.slug},
            )
        return reverse("pages:announcement_detail_pk", kwargs={"category": self.category.slug, "pk": self.pk})

    def clean(self):
        if error := missing_alt_text(self.cover_image, self.cover_alt):
            raise ValidationError({"cover_alt": error})

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()


class GalleryImage(QuicklyLoaded):
    """A photo of an announcement's gallery, with its caption."""

    announcement = models.ForeignKey(
        Announcement, verbose_name="ข่าวสาร/ประกาศ", on_delete=models.CASCADE, related_name="gallery"
    )
    image = SafeImageField(
        "ภาพ",
        upload_to="news/gallery/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text="ภาพ JPEG, PNG, GIF หรือ WebP ไม่เกิน 20 MB",
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt = models.CharField("คำอธิบายภาพ", max_length=200, blank=True, help_text="บอกว่าในภาพมีอะไร สำหรับผู้พิการทางสายตา")
    caption = models.CharField("คำบรรยายใต้ภาพ", max_length=300, blank=True)
    order = models.PositiveIntegerField("ลำดับ", default=0)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "ภาพในแกลเลอรี"
        verbose_name_plural = "แกลเลอรีภาพ"

    def __str__(self):
        return self.caption or self.alt or f"ภาพที่ {self.pk}"

    def clean(self):
        if error := missing_alt_text(self.image, self.alt):
            raise ValidationError({"alt": error})


class Attachment(QuicklyLoaded):
    """A document attached to an announcement (a resolution's PDF, a form to fill in, a table of results)."""

    announcement = models.ForeignKey(
        Announcement, verbose_name="ข่าวสาร/ประกาศ", on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField("ชื่อเอกสาร", max_length=250, blank=True, help_text="ชื่อที่ประชาชนเห็น เว้นว่างไว้จะใช้ชื่อไฟล์")
    file = AttachmentFileField(
        "ไฟล์",
        upload_to="news/files/%Y/%m/",
        help_text="PDF, Word (.doc, .docx) หรือ Excel (.xls, .xlsx) ไม่เกิน 20 MB",
    )
    file_size = models.PositiveBigIntegerField("ขนาดไฟล์ (ไบต์)", default=0, editable=False)
    order = models.PositiveIntegerField("ลำดับ", default=0)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "ไฟล์แนบ"
        verbose_name_plural = "ไฟล์แนบ"

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed and not self.title:
            # Storage drops Thai vowel marks from file names ("มติ" → "มต"): keep the name as uploaded.
            self.title = self.file.name.rsplit("/", 1)[-1][: self._meta.get_field("title").max_length]
        if self.file and (not self.file._committed or not self.file_size):
            self.file_size = self.file.size
        super().save(*args, **kwargs)

    @property
    def display_title(self):
        return self.title or (self.file.name.rsplit("/", 1)[-1] if self.file else "")

    @property
    def kind(self):
        return kind_label(self.file.name)

    @property
    def size_display(self):
        return human_size(self.file_size)
