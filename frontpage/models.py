"""What the home page leads to: banners a clerk schedules, and a row of quick links with the project's icons."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core import compiled
from core.images import SafeImageField
from core.models import PublishableQuerySet, TimestampedModel

LINK_HELP = "ที่อยู่ภายในเว็บไซต์ เช่น /faq/ หรือที่อยู่เต็มที่ขึ้นต้นด้วย https://"


def check_link(url, field="url"):
    url = url.strip()
    if not (url.startswith("/") and not url.startswith("//")) and not url.startswith(("https://", "http://")):
        raise ValidationError(
            {field: ValidationError("ลิงก์ต้องขึ้นต้นด้วย / (หน้าในเว็บไซต์นี้) หรือ https://", code="invalid_link")}
        )


class BannerQuerySet(PublishableQuerySet):
    def published(self):
        now = compiled.now()
        return (
            self.filter(is_active=True)
            .filter(Q(starts_at__isnull=True) | Q(starts_at__lte=now))
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        )


class Banner(TimestampedModel):
    title = models.CharField("ชื่อป้าย", max_length=150, help_text="สำหรับเจ้าหน้าที่ และแสดงใต้ภาพ")
    image = SafeImageField(
        "ภาพ", upload_to="banners/", width_field="image_width", height_field="image_height",
        help_text="ภาพแนวนอน กว้างอย่างน้อย 1200 พิกเซล ตัวหนังสือในภาพต้องเขียนซ้ำในคำอธิบายภาพด้วย",
    )  # fmt: skip
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt = models.CharField(
        "คำอธิบายภาพ", max_length=300, help_text="บอกสิ่งที่ภาพสื่อ รวมทั้งข้อความทั้งหมดที่อยู่ในภาพ สำหรับผู้พิการทางสายตา"
    )
    link = models.CharField("ลิงก์", max_length=300, blank=True, help_text=LINK_HELP)
    starts_at = models.DateTimeField("เริ่มแสดง", null=True, blank=True, help_text="เว้นว่างเพื่อแสดงทันที")
    ends_at = models.DateTimeField("หยุดแสดง", null=True, blank=True, help_text="เว้นว่างเพื่อแสดงไปเรื่อย ๆ")
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="เลขน้อยแสดงก่อน")
    is_active = models.BooleanField("แสดง", default=True)

    objects = BannerQuerySet.as_manager()

    class Meta:
        ordering = ["order", "-pk"]
        verbose_name = "ป้ายประกาศหน้าแรก"
        verbose_name_plural = "ป้ายประกาศหน้าแรก"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.link or "/"

    def clean(self):
        if self.link:
            check_link(self.link, "link")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": ValidationError("เวลาหยุดแสดงต้องอยู่หลังเวลาเริ่มแสดง กรุณาแก้เวลา", code="banner_dates_reversed")}
            )


class QuickLinkQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(is_visible=True)


class QuickLink(TimestampedModel):
    class Icon(models.TextChoices):
        # Each is a <symbol> of static/img/quick-links.svg, drawn for this project.
        ITA = "ita", "ตราชั่ง (ITA / ความโปร่งใส)"
        ESERVICE = "eservice", "จอและมือ (บริการออนไลน์)"
        COMPLAINT = "complaint", "โทรโข่ง (ร้องเรียน)"
        CONTACT = "contact", "โทรศัพท์ (ติดต่อ)"
        INFO = "info", "แฟ้มเอกสาร (ศูนย์ข้อมูลข่าวสาร)"
        FAQ = "faq", "เครื่องหมายคำถาม"
        MAP = "map", "หมุดแผนที่"
        NEWS = "news", "หนังสือพิมพ์ (ข่าว)"

    title = models.CharField("ชื่อทางลัด", max_length=60, help_text="สั้น ๆ เช่น ร้องเรียน / แจ้งเรื่อง")
    url = models.CharField("ลิงก์", max_length=300, help_text=LINK_HELP)
    icon = models.CharField("ไอคอน", max_length=20, choices=Icon.choices, default=Icon.INFO)
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="เลขน้อยแสดงก่อน")
    is_visible = models.BooleanField("แสดง", default=True)

    objects = QuickLinkQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "ทางลัดหน้าแรก"
        verbose_name_plural = "ทางลัดหน้าแรก"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url

    def clean(self):
        check_link(self.url)
