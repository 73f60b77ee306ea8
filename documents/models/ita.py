"""The ITA hub: per assessment year, the NACC's list of open-data items (O1–O26 in 2568) and, for each, the
places on this site (or outside it, such as e-GP) where the assessor finds what it asks for.

A link points at a document of this app, at a path of this site (a standing page, a news category, the
plan, the organisation, procurement…), at a page by its URL name (a statistics page another section adds
later), or at an outside address. Other sections are reached by address only, never by importing them.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, Resolver404, resolve

from core.loading import QuicklyLoaded
from core.models import PublishableQuerySet, TimestampedModel
from core.reversing import reverse
from documents.models.documents import Document


class AssessmentYearQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(is_published=True)


class AssessmentYear(TimestampedModel):
    year = models.PositiveSmallIntegerField(
        "ปีงบประมาณที่ประเมิน (พ.ศ.)", unique=True, help_text="เช่น 2569 รายการของแต่ละปีแก้ไขแยกกันได้"
    )
    title = models.CharField(
        "ชื่อ", max_length=200, blank=True, help_text="เว้นว่างไว้จะใช้ “การเปิดเผยข้อมูลสาธารณะ (OIT) ปี …”"
    )
    introduction = models.TextField("คำนำ", blank=True, help_text="ข้อความสั้น ๆ เหนือรายการ (ไม่บังคับ)")
    is_published = models.BooleanField("แสดงต่อประชาชน", default=False)

    objects = AssessmentYearQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = "ปีการประเมิน ITA"
        verbose_name_plural = "ITA: ปีการประเมิน"

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or f"การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ {self.year}"

    def get_absolute_url(self):
        return reverse("documents:ita_year", kwargs={"year": self.year})


class ItaItem(QuicklyLoaded):
    year = models.ForeignKey(AssessmentYear, verbose_name="ปีการประเมิน", on_delete=models.CASCADE, related_name="items")
    code = models.CharField("รหัสข้อ", max_length=10, help_text="เช่น O1 ตามคู่มือการประเมินของปีนั้น")
    title = models.CharField("ชื่อข้อ", max_length=300)
    group = models.CharField("หัวข้อกลุ่ม", max_length=200, blank=True, help_text="ตัวชี้วัดย่อย เช่น 9.1 ข้อมูลพื้นฐาน")
    description = models.TextField("สิ่งที่ผู้ประเมินตรวจ", blank=True, help_text="สรุปสั้น ๆ ว่าคู่มือการประเมินขอข้อมูลอะไร")
    order = models.PositiveIntegerField("ลำดับ", default=0)

    class Meta:
        ordering = ["year", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="ita_item_code_unique_per_year")]
        verbose_name = "ข้อการประเมิน ITA"
        verbose_name_plural = "ITA: ข้อการประเมินและลิงก์"

    def __str__(self):
        return f"{self.year.year if self.year_id else ''} {self.code} {self.title}".strip()

    def get_absolute_url(self):
        return f"{reverse('documents:ita_year', kwargs={'year': self.year.year})}#{self.code}"


def _internal_path_resolves(path):
    try:
        resolve(urlsplit(path).path)
    except Resolver404:
        return False
    return True


class ItaLink(QuicklyLoaded):
    item = models.ForeignKey(ItaItem, verbose_name="ข้อการประเมิน", on_delete=models.CASCADE, related_name="links")
    label = models.CharField("ข้อความลิงก์", max_length=250, blank=True, help_text="เว้นว่างไว้จะใช้ชื่อเอกสาร หรือที่อยู่ของลิงก์")
    document = models.ForeignKey(
        Document,
        verbose_name="เอกสาร",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ita_links",
        help_text="เลือกเอกสารในศูนย์ข้อมูลข่าวสาร (แสดงเมื่อเอกสารเผยแพร่แล้วเท่านั้น)",
    )
    url = models.CharField(
        "ลิงก์",
        max_length=500,
        blank=True,
        help_text="หน้าในเว็บไซต์นี้ เช่น /organisation/ หรือ /procurement/ หรือที่อยู่ภายนอกที่ขึ้นต้นด้วย https:// (เช่น e-GP)",
    )
    url_name = models.CharField(
        "ชื่อหน้าในระบบ",
        max_length=100,
        blank=True,
        help_text="สำหรับผู้ดูแลระบบ: ชื่อหน้าแบบ app:name เช่น หน้าสถิติการให้บริการที่ระบบสร้างให้ ถ้าหน้านั้นยังไม่มี ลิงก์จะยังไม่แสดง",
    )
    order = models.PositiveIntegerField("ลำดับ", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "ลิงก์"
        verbose_name_plural = "ลิงก์ไปยังข้อมูล (เอกสาร หน้าในเว็บไซต์ หรือลิงก์ภายนอก)"

    def __str__(self):
        return self.display_label

    def clean(self):
        targets = sum(bool(value) for value in (self.document_id, self.url.strip(), self.url_name.strip()))
        if targets != 1:
            raise ValidationError("กรุณาเลือกเอกสาร หรือกรอกลิงก์ อย่างใดอย่างหนึ่งเท่านั้น", code="ita_link_one_target")
        url = self.url.strip()
        if url:
            if url.startswith("/") and not url.startswith("//"):
                if not _internal_path_resolves(url):
                    raise ValidationError(
                        {
                            "url": ValidationError(
                                "ไม่พบหน้านี้ในเว็บไซต์ กรุณาเปิดหน้านั้นแล้วคัดลอกลิงก์มาวาง", code="ita_url_unknown"
                            )
                        }
                    )
            elif not url.startswith(("https://", "http://")):
                raise ValidationError(
                    {"url": ValidationError("ลิงก์ต้องขึ้นต้นด้วย / (หน้าในเว็บไซต์นี้) หรือ https://", code="ita_url_invalid")}
                )
            self.url = url

    @property
    def href(self):
        """Where the link leads, or "" when it leads nowhere yet (a page by name that does not exist)."""
        if self.document_id:
            return reverse("documents:detail", kwargs={"pk": self.document_id})
        if self.url_name:
            try:
                return reverse(self.url_name.strip())
            except NoReverseMatch:
                return ""
        return self.url

    @property
    def is_external(self):
        return self.url.startswith(("http://", "https://"))

    @property
    def display_label(self):
        if self.label:
            return self.label
        if self.document_id:
            return self.document.title
        return self.url or self.url_name

    def is_published(self):
        """Whether the public can follow this link (a document link only once the document is published)."""
        if self.document_id:
            return self.document.status == Document.Status.PUBLISHED
        return bool(self.href)
