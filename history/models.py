"""The recycle bin, and the versions that django-reversion keeps, as the clerks see them in the admin."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from reversion.models import Version

from core.loading import QuicklyLoaded


class ContentVersion(Version):
    """A saved version of a page, an announcement, a person…: who saved it, when, and what it held.

    A proxy of django-reversion's Version, so that its admin and its permissions belong to this app.
    """

    class Meta:
        proxy = True
        ordering = ["-revision__date_created", "-pk"]
        verbose_name = "ฉบับที่บันทึกไว้"
        verbose_name_plural = "ประวัติการแก้ไข"


class DeletedItem(QuicklyLoaded):
    """A deleted item, kept with its children (gallery, attachments) for settings.RECYCLE_BIN_DAYS days (30).

    Its files stay in storage until the entry is purged (`purge_recycle_bin`), so a restore brings them back.
    """

    content_type = models.ForeignKey(ContentType, verbose_name="ประเภท", on_delete=models.CASCADE)
    object_id = models.CharField("รหัสรายการ", max_length=64)
    title = models.CharField("รายการ", max_length=300)
    data = models.TextField("ข้อมูลที่เก็บไว้", help_text="รายการและส่วนประกอบ ในรูปแบบ JSON ของ Django")
    child_count = models.PositiveIntegerField("จำนวนส่วนประกอบ", default=0, help_text="ภาพในอัลบั้ม ไฟล์แนบ ฯลฯ")
    deleted_at = models.DateTimeField("ลบเมื่อ", default=timezone.now, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ลบโดย",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-deleted_at", "-pk"]
        verbose_name = "รายการในถังขยะ"
        verbose_name_plural = "ถังขยะ (กู้คืนรายการที่ลบ)"

    def __str__(self):
        return f"{self.kind_label}: {self.title}"

    @property
    def kind_label(self):
        model = self.content_type.model_class()
        return model._meta.verbose_name if model else self.content_type.model

    @property
    def purge_after(self):
        return self.deleted_at + timedelta(days=settings.RECYCLE_BIN_DAYS)
