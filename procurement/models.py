"""Procurement (จัดซื้อจัดจ้าง, ITA O12–O13): the annual procurement plan and the notices of each purchase,
with the structured data the monthly summary (แบบ สขร.1) and the annual report are computed from; and the
annual budget ordinances (ข้อบัญญัติงบประมาณ) with their amounts per แผนงาน."""

import calendar
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from core.document_files import DocumentFileField
from core.fiscal_year import fiscal_year_of
from core.loading import QuicklyLoaded
from core.models import PublishableQuerySet, TimestampedModel
from core.reversing import reverse

ZERO = Decimal("0")
MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(ZERO)]}
FISCAL_YEAR_HELP = "เว้นว่างไว้ ระบบคำนวณจากวันที่ให้ (1 ต.ค. – 30 ก.ย.; 1 ต.ค. 2568 เป็นปีงบประมาณ 2569)"
THAI_MONTHS = [
    "", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
]  # fmt: skip
# The months of a fiscal year in order: October of the year before, to September.
FISCAL_MONTHS = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]


def month_bounds(fiscal_year: int, month: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a month of a Buddhist-era fiscal year (month 10 of 2569 is October 2025)."""
    year = fiscal_year - 543 - (1 if month >= 10 else 0)
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def month_label(fiscal_year: int, month: int) -> str:
    first, _ = month_bounds(fiscal_year, month)
    return f"{THAI_MONTHS[month]} {first.year + 543}"


class Status(models.TextChoices):
    DRAFT = "draft", "ฉบับร่าง (ยังไม่แสดงต่อประชาชน)"
    PUBLISHED = "published", "เผยแพร่"


class PublishedStatusQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class ProcurementPlan(TimestampedModel):
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)", unique=True, help_text="เช่น 2569")
    title = models.CharField(
        "ชื่อ", max_length=300, blank=True, help_text="เว้นว่างไว้จะใช้ “แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ …”"
    )
    announced_on = models.DateField("วันที่ประกาศ", null=True, blank=True)
    summary = models.TextField("สรุป", blank=True)
    file = DocumentFileField("ไฟล์แผน (PDF ที่ลงนามแล้ว)", upload_to="procurement/plans/", blank=True)
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_sample = models.BooleanField("ข้อมูลตัวอย่าง", default=False)

    objects = PublishedStatusQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = "แผนการจัดซื้อจัดจ้าง"
        verbose_name_plural = "แผนการจัดซื้อจัดจ้างประจำปี"

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or f"แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ {self.fiscal_year}"

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED

    def get_absolute_url(self):
        return reverse("procurement:year", kwargs={"year": self.fiscal_year})


class NoticeQuerySet(PublishedStatusQuerySet):
    def awards(self):
        return self.filter(notice_type=Notice.Type.WINNER)


class Notice(TimestampedModel):
    """A procurement notice (ประกาศ) with the data of its purchase, typed once and reused by every report."""

    class Type(models.TextChoices):
        INVITATION = "invitation", "ประกาศเชิญชวน"
        MEDIAN_PRICE = "median_price", "ประกาศราคากลาง"
        WINNER = "winner", "ประกาศผู้ชนะการเสนอราคา"
        CANCELLATION = "cancellation", "ประกาศยกเลิก"

    class Method(models.TextChoices):
        SPECIFIC = "specific", "วิธีเฉพาะเจาะจง"
        E_BIDDING = "e_bidding", "วิธีประกาศเชิญชวนทั่วไป (e-bidding)"
        E_MARKET = "e_market", "วิธีตลาดอิเล็กทรอนิกส์ (e-market)"
        SELECTION = "selection", "วิธีคัดเลือก"

    notice_type = models.CharField("ประเภทประกาศ", max_length=20, choices=Type.choices)
    title = models.CharField("ชื่อประกาศ", max_length=300, help_text="ตามที่ลงนาม เช่น ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุสำนักงาน …")
    project_name = models.CharField(
        "งานที่จัดซื้อหรือจัดจ้าง", max_length=300, help_text="ชื่องานหรือโครงการ ใช้ชื่อเดียวกันในทุกประกาศของงานเดียวกัน"
    )
    method = models.CharField("วิธีซื้อหรือจ้าง", max_length=20, choices=Method.choices)
    egp_number = models.CharField(
        "เลขที่โครงการ e-GP", max_length=20, blank=True, help_text="เลขโครงการในระบบ e-GP (11 หลัก)"
    )
    budget_source = models.CharField(
        "แหล่งงบประมาณ", max_length=200, blank=True, default="งบประมาณรายจ่ายประจำปี (ข้อบัญญัติ)"
    )
    budget = models.DecimalField("วงเงินที่จะซื้อหรือจ้าง (บาท)", **MONEY)
    median_price = models.DecimalField("ราคากลาง (บาท)", null=True, blank=True, **MONEY)
    median_price_file = DocumentFileField(
        "เอกสารราคากลาง",
        upload_to="procurement/median/",
        blank=True,
        help_text="ตารางแสดงวงเงินงบประมาณที่ได้รับจัดสรรและราคากลาง (PDF)",
    )
    announced_on = models.DateField("วันที่ประกาศ", help_text="กรอกเป็น วัน/เดือน/ปี พ.ศ. เช่น 15/10/2568")
    fiscal_year = models.PositiveSmallIntegerField(
        "ปีงบประมาณ (พ.ศ.)", blank=True, db_index=True, help_text=FISCAL_YEAR_HELP
    )
    bidders = models.TextField(
        "รายชื่อผู้เสนอราคาและราคาที่เสนอ", blank=True, help_text="หนึ่งรายต่อบรรทัด เช่น ร้านตัวอย่างการค้า 12,500.00 บาท"
    )
    winner = models.CharField("ผู้ได้รับการคัดเลือก", max_length=300, blank=True, help_text="สำหรับประกาศผู้ชนะ")
    contract_amount = models.DecimalField("ราคาที่ตกลงซื้อหรือจ้าง (บาท)", null=True, blank=True, **MONEY)
    reason = models.CharField(
        "เหตุผลที่คัดเลือกโดยสรุป", max_length=300, blank=True, default="", help_text="เช่น เสนอราคาต่ำสุดและคุณสมบัติครบถ้วน"
    )
    contract_number = models.CharField("เลขที่สัญญาหรือข้อตกลง", max_length=100, blank=True)
    contract_date = models.DateField("วันที่ของสัญญาหรือข้อตกลง", null=True, blank=True)
    file = DocumentFileField("ไฟล์ประกาศ (PDF)", upload_to="procurement/notices/", blank=True)
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_sample = models.BooleanField("ข้อมูลตัวอย่าง", default=False)
    updated_by = models.ForeignKey(
        "auth.User", verbose_name="แก้ไขล่าสุดโดย", null=True, blank=True, on_delete=models.SET_NULL, editable=False,
        related_name="+",
    )  # fmt: skip

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-announced_on", "-pk"]
        verbose_name = "ประกาศจัดซื้อจัดจ้าง"
        verbose_name_plural = "ประกาศจัดซื้อจัดจ้าง"
        indexes = [models.Index(fields=["status", "notice_type", "announced_on"])]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED

    def get_absolute_url(self):
        return reverse("procurement:notice", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        if self.fiscal_year is None and self.announced_on:
            self.fiscal_year = fiscal_year_of(self.announced_on)
        super().save(*args, **kwargs)

    def clean(self):
        if self.fiscal_year is None and self.announced_on:
            self.fiscal_year = fiscal_year_of(self.announced_on)
        if self.notice_type == self.Type.WINNER:
            errors = {}
            if not self.winner:
                errors["winner"] = ValidationError("ประกาศผู้ชนะต้องระบุผู้ได้รับการคัดเลือก", code="winner_required")
            if self.contract_amount is None:
                errors["contract_amount"] = ValidationError(
                    "ประกาศผู้ชนะต้องระบุราคาที่ตกลงซื้อหรือจ้าง", code="contract_amount_required"
                )
            if errors:
                raise ValidationError(errors)
        if self.contract_amount is not None and self.budget is not None and self.contract_amount > self.budget:
            raise ValidationError(
                {"contract_amount": ValidationError(
                    "ราคาที่ตกลงสูงกว่าวงเงินที่จะซื้อหรือจ้าง กรุณาตรวจตัวเลขอีกครั้ง", code="contract_over_budget"
                )}
            )  # fmt: skip


class BudgetOrdinanceQuerySet(PublishedStatusQuerySet):
    pass


class BudgetOrdinance(TimestampedModel):
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)", unique=True, help_text="เช่น 2569")
    title = models.CharField(
        "ชื่อ", max_length=300, blank=True, help_text="เว้นว่างไว้จะใช้ “ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ …”"
    )
    total = models.DecimalField("งบประมาณรวม (บาท)", help_text="ยอดรวมตามข้อบัญญัติ ต้องเท่ากับผลรวมของแผนงานด้านล่าง", **MONEY)
    enacted_on = models.DateField("วันที่ประกาศใช้", null=True, blank=True)
    file = DocumentFileField("ข้อบัญญัติที่ลงนามแล้ว (PDF)", upload_to="procurement/ordinances/", blank=True)
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_sample = models.BooleanField("ข้อมูลตัวอย่าง", default=False)

    objects = BudgetOrdinanceQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = "ข้อบัญญัติงบประมาณ"
        verbose_name_plural = "ข้อบัญญัติงบประมาณรายจ่ายประจำปี"

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or f"ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ {self.fiscal_year}"

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED

    def get_absolute_url(self):
        return reverse("procurement:ordinance", kwargs={"year": self.fiscal_year})


class BudgetLine(QuicklyLoaded):
    ordinance = models.ForeignKey(
        BudgetOrdinance, verbose_name="ข้อบัญญัติ", on_delete=models.CASCADE, related_name="lines"
    )
    programme = models.CharField("แผนงาน", max_length=200, help_text="เช่น แผนงานบริหารงานทั่วไป")
    amount = models.DecimalField("จำนวนเงิน (บาท)", **MONEY)
    order = models.PositiveIntegerField("ลำดับ", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "แผนงาน"
        verbose_name_plural = "งบประมาณแยกตามแผนงาน"

    def __str__(self):
        return self.programme
