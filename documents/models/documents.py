"""Documents the office publishes (plans, reports, manuals, announcements, orders, ordinances, forms, minutes…),
each with one or more checked files, dated and filed under the Thai fiscal year."""

import logging

from django.core.exceptions import ValidationError
from django.db import models

from core.document_files import DocumentFileField, pdf_first_page_png, private_storage
from core.files import extension_of, human_size, kind_label
from core.fiscal_year import fiscal_year_of
from core.loading import QuicklyLoaded
from core.models import PublishableQuerySet, TimestampedModel
from core.reversing import reverse

logger = logging.getLogger(__name__)

FISCAL_YEAR_MIN, FISCAL_YEAR_MAX = 2500, 2700


def validate_fiscal_year(value):
    if value is not None and not FISCAL_YEAR_MIN <= value <= FISCAL_YEAR_MAX:
        raise ValidationError(
            "ปีงบประมาณเป็นปี พ.ศ. 4 หลัก เช่น 2569 กรุณาแก้ไข หรือเว้นว่างไว้ให้ระบบคำนวณจากวันที่", code="fiscal_year_range"
        )


class DocumentType(TimestampedModel):
    """A kind of document: แผน, รายงาน, คู่มือ, ประกาศ, คำสั่ง… Clerks may add more."""

    name = models.CharField("ชื่อประเภท", max_length=100, unique=True, help_text="เช่น แผน รายงาน คู่มือ ประกาศ")
    slug = models.SlugField(
        "ชื่อในลิงก์",
        max_length=60,
        unique=True,
        help_text="ส่วนท้ายของลิงก์ /documents/type/…/ ใช้ a-z ตัวเลข และขีด (-) เช่น reports เมื่อมีผู้ใช้ลิงก์แล้วไม่ควรเปลี่ยน",
    )
    description = models.TextField("คำอธิบาย", blank=True, help_text="แสดงใต้หัวข้อของหน้าประเภทนี้ (ไม่บังคับ)")
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="เลขน้อยแสดงก่อน")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "ประเภทเอกสาร"
        verbose_name_plural = "ประเภทเอกสาร"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("documents:type", kwargs={"slug": self.slug})


class DocumentQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(status=Document.Status.PUBLISHED)

    def for_lists(self):
        return self.select_related("doc_type", "issuing_unit").prefetch_related("files")


class Document(TimestampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "ฉบับร่าง (ยังไม่แสดงต่อประชาชน)"
        PUBLISHED = "published", "เผยแพร่"

    doc_type = models.ForeignKey(
        DocumentType, verbose_name="ประเภทเอกสาร", on_delete=models.PROTECT, related_name="documents"
    )
    title = models.CharField("ชื่อเอกสาร", max_length=300, help_text="ชื่อเต็มตามที่ลงนาม เช่น รายงานผลการดำเนินงานประจำปี 2568")
    issuing_unit = models.ForeignKey(
        "staff.Unit",
        verbose_name="หน่วยงานที่ออกเอกสาร",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="ส่วนราชการในโครงสร้างองค์กรที่รับผิดชอบเอกสารนี้ (ไม่บังคับ)",
    )
    issue_date = models.DateField("วันที่ออกเอกสาร", help_text="วันที่ลงนามหรือประกาศ กรอกเป็น วัน/เดือน/ปี พ.ศ. เช่น 15/10/2568")
    fiscal_year = models.PositiveSmallIntegerField(
        "ปีงบประมาณ (พ.ศ.)",
        blank=True,
        validators=[validate_fiscal_year],
        db_index=True,
        help_text="เว้นว่างไว้ ระบบคำนวณจากวันที่ออกเอกสารให้ (1 ต.ค. – 30 ก.ย.; 1 ต.ค. 2568 เป็นปีงบประมาณ 2569) "
        "แก้ได้ถ้าเอกสารเป็นของปีอื่น เช่น แผนปีหน้าที่ประกาศล่วงหน้า",
    )
    summary = models.TextField("สรุปย่อ", blank=True, help_text="สองสามบรรทัดว่าเอกสารนี้คืออะไร ใช้ในหน้ารายการและการค้นหา")
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_sample = models.BooleanField("ข้อมูลตัวอย่าง", default=False, help_text="ติ๊กไว้ถ้าเป็นเอกสารตัวอย่าง (แสดงป้าย “ตัวอย่าง”)")
    updated_by = models.ForeignKey(
        "auth.User", verbose_name="แก้ไขล่าสุดโดย", null=True, blank=True, on_delete=models.SET_NULL, editable=False,
        related_name="+",
    )  # fmt: skip

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issue_date", "-pk"]
        verbose_name = "เอกสาร"
        verbose_name_plural = "เอกสาร (ศูนย์ข้อมูลข่าวสาร)"
        indexes = [models.Index(fields=["status", "-issue_date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    def save(self, *args, **kwargs):
        if self.fiscal_year is None and self.issue_date:
            self.fiscal_year = fiscal_year_of(self.issue_date)
        super().save(*args, **kwargs)

    def clean(self):
        if self.fiscal_year is None and self.issue_date:
            self.fiscal_year = fiscal_year_of(self.issue_date)


def document_upload_to(instance, filename):
    return f"documents/{instance.document.fiscal_year or 'other'}/{filename}"


class DocumentFile(QuicklyLoaded):
    """One file of a document (the signed PDF, its Word original, an annex in Excel)."""

    document = models.ForeignKey(Document, verbose_name="เอกสาร", on_delete=models.CASCADE, related_name="files")
    file = DocumentFileField("ไฟล์", upload_to=document_upload_to, help_text="PDF, Word หรือ Excel ไม่เกิน 20 MB")
    title = models.CharField("ชื่อไฟล์ที่แสดง", max_length=250, blank=True, help_text="เว้นว่างไว้จะใช้ชื่อไฟล์")
    file_size = models.PositiveBigIntegerField("ขนาดไฟล์ (ไบต์)", default=0, editable=False)
    preview = models.FileField("ภาพหน้าแรก", storage=private_storage, upload_to="previews/", blank=True, editable=False)
    order = models.PositiveIntegerField("ลำดับ", default=0)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "ไฟล์เอกสาร"
        verbose_name_plural = "ไฟล์เอกสาร"

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        new_file = bool(self.file) and not self.file._committed
        if new_file and not self.title:
            self.title = self.file.name.rsplit("/", 1)[-1][: self._meta.get_field("title").max_length]
        if self.file and (new_file or not self.file_size):
            self.file_size = self.file.size
        super().save(*args, **kwargs)
        if new_file:
            self.make_preview()

    def get_absolute_url(self):
        return reverse("documents:file", kwargs={"pk": self.pk})

    def make_preview(self):
        """Draw the first page of a PDF (nothing for Word and Excel, or when pdftoppm is not installed)."""
        if self.preview:
            self.preview.delete(save=False)
        png = pdf_first_page_png(self.file)
        if png is None:
            if self.preview.name:
                type(self).objects.filter(pk=self.pk).update(preview="")
            return
        self.preview.save(f"document-file-{self.pk}.png", png, save=False)
        type(self).objects.filter(pk=self.pk).update(preview=self.preview.name)

    def get_preview_url(self):
        return reverse("documents:file_preview", kwargs={"pk": self.pk}) if self.preview else ""

    @property
    def display_title(self):
        return self.title or (self.file.name.rsplit("/", 1)[-1] if self.file else "")

    @property
    def kind(self):
        return kind_label(self.file.name)

    @property
    def extension(self):
        return extension_of(self.file.name)

    @property
    def size_display(self):
        return human_size(self.file_size)
