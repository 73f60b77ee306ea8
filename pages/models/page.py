"""Standing pages of the organisation (ข้อมูลทั่วไป, วิสัยทัศน์ / พันธกิจ, policies...)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from core.images import SafeImageField, missing_alt_text
from core.models import MenuItem, PublishableQuerySet, TimestampedModel
from core.reversing import reverse
from core.richtext import SanitizedRichTextField


class PageQuerySet(PublishableQuerySet):
    def published(self):
        """What the public may see: published pages only. Used by every view, feed, sitemap and search."""
        return self.filter(status=Page.Status.PUBLISHED)


class Page(TimestampedModel):
    """A standing page of the organisation: ข้อมูลทั่วไป, วิสัยทัศน์ / พันธกิจ, and any page a clerk adds."""

    class Status(models.TextChoices):
        DRAFT = "draft", "ฉบับร่าง"
        PUBLISHED = "published", "เผยแพร่"

    title = models.CharField("ชื่อหน้า", max_length=200)
    slug = models.SlugField(
        "ชื่อในลิงก์",
        max_length=100,
        unique=True,
        # ASCII only: the page's URL pattern takes no Thai, and Django's slugify drops Thai vowel marks.
        validators=[
            RegexValidator(
                r"^[-a-z0-9]+\Z",
                "ชื่อในลิงก์ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และขีด (-) เช่น history",
                code="invalid",
            )
        ],
        help_text="ส่วนท้ายของลิงก์ เช่น vision-mission ใช้อักษรอังกฤษ ตัวเลข และขีด (-) เท่านั้น",
    )
    summary = models.TextField("สรุปสั้น ๆ", blank=True, help_text="แสดงในผลการค้นหาและเมื่อแชร์ลิงก์")
    body = SanitizedRichTextField("เนื้อหา", blank=True)
    cover_image = SafeImageField(
        "ภาพหน้าปก", upload_to="pages/", blank=True, width_field="cover_width", height_field="cover_height"
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField("คำอธิบายภาพหน้าปก", max_length=200, blank=True)
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.DRAFT)
    section = models.ForeignKey(
        MenuItem,
        verbose_name="หมวด",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pages",
        limit_choices_to={"parent__isnull": True},
        help_text="เมนูหลักที่หน้านี้อยู่ใต้ เช่น ข้อมูลทั่วไป หน้าในหมวดเดียวกันจะลิงก์ถึงกันตามลำดับ และแสดงใต้เมนูนั้นในแผนผังเว็บไซต์",
    )
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="ลำดับในหมวด เลขน้อยแสดงก่อน")
    updated_by = models.ForeignKey(
        "auth.User", verbose_name="แก้ไขล่าสุดโดย", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "หน้าเนื้อหา"
        verbose_name_plural = "หน้าเนื้อหา"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:page_detail", kwargs={"slug": self.slug})

    def clean(self):
        if error := missing_alt_text(self.cover_image, self.cover_alt):
            raise ValidationError({"cover_alt": error})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED
