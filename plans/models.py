"""The development plan (แผนพัฒนาตำบล): plan → strategies → guidelines, projects → budget lines per fiscal year.

Years are fiscal years in the Buddhist era (ปีงบประมาณ 2553 = 1 Oct 2009 – 30 Sep 2010), stored as the
number a clerk reads in the plan document. Amounts are Decimal baht, never negative.
"""

from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count
from django.utils.text import get_valid_filename

from core.images import is_stored
from core.models import PublishableQuerySet, TimestampedModel
from core.reversing import reverse

FIRST_PLAUSIBLE_YEAR = 2500
LAST_PLAUSIBLE_YEAR = 2700
MAX_PLAN_YEARS = 10
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_AMOUNT_DIGITS = 14
PDF_MAGIC = b"%PDF-"


def validate_pdf_file(file):
    """A real PDF (named .pdf, starting with %PDF-) of at most 20 MB; anything else gets a Thai message.

    The name matters as much as the content: "evil.html" that starts with %PDF- would be served as a web page.
    """
    if is_stored(file):
        return
    if not (getattr(file, "name", None) or "").lower().endswith(".pdf"):
        raise ValidationError(
            "ชื่อไฟล์ต้องลงท้ายด้วย .pdf กรุณาบันทึกหรือสแกนเอกสารแผนที่ลงนามแล้วเป็นไฟล์ PDF แล้วอัปโหลดใหม่",
            code="pdf_wrong_extension",
        )
    size = getattr(file, "size", None)
    if size is not None and size > MAX_PDF_BYTES:
        raise ValidationError(
            "ไฟล์ PDF ใหญ่เกิน 20 MB กรุณาสแกนด้วยความละเอียดต่ำลง (เช่น 150 dpi) หรือบีบอัดไฟล์ก่อนอัปโหลด",
            code="pdf_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        head = file.read(len(PDF_MAGIC))
    finally:
        if position is not None:
            file.seek(position)
    if head != PDF_MAGIC:
        raise ValidationError(
            "ไฟล์นี้ไม่ใช่ PDF กรุณาบันทึกหรือสแกนเอกสารแผนที่ลงนามแล้วเป็นไฟล์ PDF แล้วอัปโหลดใหม่",
            code="pdf_invalid",
        )


def signed_plan_path(plan, filename):
    """plans/<slug>.pdf whatever the clerk's file was called: the web server picks the file type by its name."""
    return f"plans/{get_valid_filename(plan.slug) or 'plan'}.pdf"


fiscal_year_validators = [
    MinValueValidator(FIRST_PLAUSIBLE_YEAR, message="กรุณาใส่ปีงบประมาณเป็นปีพุทธศักราช เช่น 2553"),
    MaxValueValidator(LAST_PLAUSIBLE_YEAR, message="กรุณาใส่ปีงบประมาณเป็นปีพุทธศักราช เช่น 2553"),
]


class PlanQuerySet(PublishableQuerySet):
    def published(self):
        """Plans the public may see: in force or ended, never a draft."""
        return self.exclude(status=Plan.Status.DRAFT)


class Plan(TimestampedModel):
    """One development plan covering a few fiscal years; several plans live side by side, each at its own URL."""

    class Status(models.TextChoices):
        DRAFT = "draft", "ฉบับร่าง (ยังไม่เผยแพร่)"
        IN_FORCE = "in_force", "ประกาศใช้แล้ว"
        ENDED = "ended", "สิ้นสุดระยะเวลาของแผนแล้ว"

    title = models.CharField("ชื่อแผน", max_length=200, help_text="เช่น แผนพัฒนาสามปี (พ.ศ. 2553–2555)")
    slug = models.SlugField(
        "ชื่อในลิงก์",
        max_length=50,
        unique=True,
        help_text="ส่วนท้ายของลิงก์ ใช้ช่วงปีของแผน เช่น 2553-2555 (ตัวเลขและขีด) ตั้งแล้วไม่ควรเปลี่ยน เพราะลิงก์เดิมจะใช้ไม่ได้",
    )
    first_year = models.PositiveSmallIntegerField(
        "ปีงบประมาณแรก (พ.ศ.)", validators=fiscal_year_validators, help_text="ปีงบประมาณแรกของแผน เช่น 2553"
    )
    last_year = models.PositiveSmallIntegerField(
        "ปีงบประมาณสุดท้าย (พ.ศ.)", validators=fiscal_year_validators, help_text="ปีงบประมาณสุดท้ายของแผน เช่น 2555"
    )
    approval_date = models.DateField("วันที่อนุมัติ/ประกาศใช้", null=True, blank=True, help_text="วันที่ผู้บริหารลงนามประกาศใช้แผน")
    status = models.CharField(
        "สถานะ",
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="ฉบับร่างเห็นได้เฉพาะเจ้าหน้าที่ เมื่อประกาศใช้แล้วประชาชนจึงเห็นบนเว็บไซต์",
    )
    summary = models.TextField("คำอธิบายแผน", blank=True, help_text="ข้อความสั้น ๆ แสดงใต้ชื่อแผน")
    note = models.TextField("หมายเหตุ", blank=True, help_text="ข้อความที่ต้องการให้ผู้อ่านเห็นชัด เช่น แผนนี้มีการแก้ไขเพิ่มเติม")
    document = models.FileField(
        "ไฟล์แผนที่ลงนามแล้ว (PDF)",
        upload_to=signed_plan_path,
        blank=True,
        validators=[validate_pdf_file],
        help_text="สแกนเอกสารแผนฉบับที่ผู้บริหารลงนามแล้ว เป็นไฟล์ PDF ขนาดไม่เกิน 20 MB",
    )
    updated_by = models.ForeignKey(
        "auth.User", verbose_name="แก้ไขล่าสุดโดย", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-first_year", "title"]
        verbose_name = "แผนพัฒนา"
        verbose_name_plural = "แผนพัฒนา"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:plan_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.first_year and self.last_year:
            if self.last_year < self.first_year:
                raise ValidationError(
                    {"last_year": ValidationError("ปีสุดท้ายต้องไม่ก่อนปีแรกของแผน กรุณาตรวจสอบปีอีกครั้ง", code="years_reversed")}
                )
            if self.last_year - self.first_year + 1 > MAX_PLAN_YEARS:
                raise ValidationError(
                    {
                        "last_year": ValidationError(
                            f"แผนหนึ่งฉบับครอบคลุมได้ไม่เกิน {MAX_PLAN_YEARS} ปี กรุณาตรวจสอบปีอีกครั้ง",
                            code="plan_too_long",
                        )
                    }
                )
            self._check_budget_lines_within_years()

    def _check_budget_lines_within_years(self):
        """Narrowing the years would strand budget lines: refuse, naming how many and which years.

        A line outside the plan's years has no column in any table, so totals would leave it out.
        """
        if not self.pk:
            return
        counts = dict(
            BudgetLine.objects.filter(project__strategy__plan=self)
            .exclude(fiscal_year__range=(self.first_year, self.last_year))
            .values_list("fiscal_year")
            .annotate(lines=Count("pk"))
            .order_by("fiscal_year")
        )
        errors = {}
        for field, years in [
            ("first_year", [year for year in counts if year < self.first_year]),
            ("last_year", [year for year in counts if year > self.last_year]),
        ]:
            if years:
                errors[field] = ValidationError(
                    f"มีงบประมาณรายปี {sum(counts[year] for year in years)} รายการ "
                    f"อยู่ในปี {', '.join(map(str, years))} ซึ่งอยู่นอกช่วงปีใหม่ของแผน "
                    f"({self.first_year}–{self.last_year}) กรุณาลบหรือย้ายงบประมาณของปีนั้นในหน้าโครงการก่อน "
                    "แล้วจึงเปลี่ยนปีของแผน",
                    code="budget_lines_outside_years",
                )
        if errors:
            raise ValidationError(errors)

    @property
    def years(self):
        if not (self.first_year and self.last_year):
            return []
        return list(range(self.first_year, self.last_year + 1))

    @property
    def is_published(self):
        return self.status != self.Status.DRAFT

    def covers(self, fiscal_year):
        return self.first_year <= fiscal_year <= self.last_year


class StrategyQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(plan__in=Plan.objects.published())


class Strategy(TimestampedModel):
    """ยุทธศาสตร์การพัฒนา: a numbered chapter of the plan."""

    plan = models.ForeignKey(Plan, verbose_name="แผน", on_delete=models.CASCADE, related_name="strategies")
    number = models.PositiveSmallIntegerField("ยุทธศาสตร์ที่", help_text="เลขลำดับตามเอกสารแผน เช่น 1")
    title = models.CharField("ชื่อยุทธศาสตร์", max_length=300, help_text="เช่น ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน")
    description = models.TextField("คำอธิบาย", blank=True, help_text="เป้าประสงค์หรือคำอธิบายสั้น ๆ ของยุทธศาสตร์")

    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = "ยุทธศาสตร์"
        verbose_name_plural = "ยุทธศาสตร์"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plans_strategy_unique_number",
                violation_error_message="แผนนี้มียุทธศาสตร์เลขนี้แล้ว กรุณาใช้เลขอื่น",
            )
        ]

    def __str__(self):
        return f"ยุทธศาสตร์ที่ {self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("plans:strategy_detail", kwargs={"slug": self.plan.slug, "pk": self.pk})


class Guideline(TimestampedModel):
    """แนวทางการพัฒนา under a strategy; projects may be grouped under one."""

    strategy = models.ForeignKey(Strategy, verbose_name="ยุทธศาสตร์", on_delete=models.CASCADE, related_name="guidelines")
    number = models.PositiveSmallIntegerField("แนวทางที่", help_text="ลำดับภายในยุทธศาสตร์ เช่น 1 (แสดงเป็น 1.1)")
    title = models.CharField("แนวทางการพัฒนา", max_length=300)
    description = models.TextField("คำอธิบาย", blank=True)

    class Meta:
        ordering = ["strategy", "number"]
        verbose_name = "แนวทางการพัฒนา"
        verbose_name_plural = "แนวทางการพัฒนา"
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"],
                name="plans_guideline_unique_number",
                violation_error_message="ยุทธศาสตร์นี้มีแนวทางเลขนี้แล้ว กรุณาใช้เลขอื่น",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def code(self):
        return f"{self.strategy.number}.{self.number}"


class ProjectQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(strategy__plan__in=Plan.objects.published())


class Project(TimestampedModel):
    """A project of the plan, with what it builds, where, who is responsible and its budget per year."""

    strategy = models.ForeignKey(Strategy, verbose_name="ยุทธศาสตร์", on_delete=models.CASCADE, related_name="projects")
    guideline = models.ForeignKey(
        Guideline,
        verbose_name="แนวทางการพัฒนา",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        help_text="เลือกแนวทางภายใต้ยุทธศาสตร์เดียวกัน (ถ้ามี)",
    )
    number = models.PositiveSmallIntegerField("ลำดับโครงการ", help_text="ลำดับของโครงการในยุทธศาสตร์นี้ เช่น 1")
    name = models.CharField(
        "ชื่อโครงการ", max_length=300, help_text="เช่น ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 (ประชาชนค้นหาด้วยคำในชื่อนี้)"
    )
    objective = models.TextField("วัตถุประสงค์", blank=True)
    target = models.TextField("เป้าหมาย (ผลผลิตของโครงการ)", blank=True, help_text="เช่น ถนนกว้าง 4 เมตร ยาว 200 เมตร")
    location = models.CharField("สถานที่ดำเนินการ", max_length=300, blank=True, help_text="ชื่อหมู่บ้าน ซอย หรือถนนที่ดำเนินการ")
    village = models.PositiveSmallIntegerField(
        "หมู่ที่",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, message="หมู่ที่ต้องเป็นเลขตั้งแต่ 1 ขึ้นไป")],
        help_text="เว้นว่างถ้าโครงการครอบคลุมทั้งตำบล",
    )
    unit = models.ForeignKey(
        "staff.Unit",
        verbose_name="หน่วยงานรับผิดชอบ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_projects",
        help_text="ส่วนราชการที่รับผิดชอบโครงการ เช่น ส่วนโยธา",
    )
    indicator = models.TextField("ตัวชี้วัด (KPI)", blank=True)
    expected_result = models.TextField("ผลที่คาดว่าจะได้รับ", blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["strategy__plan", "strategy__number", "number"]
        verbose_name = "โครงการ"
        verbose_name_plural = "โครงการ"
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"],
                name="plans_project_unique_number",
                violation_error_message="ยุทธศาสตร์นี้มีโครงการลำดับนี้แล้ว กรุณาใช้ลำดับอื่น",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("plans:project_detail", kwargs={"slug": self.strategy.plan.slug, "pk": self.pk})

    def clean(self):
        if self.guideline_id and self.strategy_id and self.guideline.strategy_id != self.strategy_id:
            raise ValidationError(
                {
                    "guideline": ValidationError(
                        "แนวทางที่เลือกอยู่ในยุทธศาสตร์อื่น กรุณาเลือกแนวทางของยุทธศาสตร์เดียวกับโครงการ",
                        code="guideline_other_strategy",
                    )
                }
            )

    @property
    def village_label(self):
        return f"หมู่ที่ {self.village}" if self.village else "ทั้งตำบล"


class BudgetLine(TimestampedModel):
    """The amount planned for one project in one fiscal year, and where the money comes from."""

    class Source(models.TextChoices):
        LOCAL = "local", "งบประมาณของท้องถิ่น (ข้อบัญญัติ)"
        GOVERNMENT = "government", "เงินอุดหนุนจากรัฐบาล"
        PROVINCE = "province", "องค์การบริหารส่วนจังหวัด"
        OTHER = "other", "หน่วยงานอื่น"

    project = models.ForeignKey(Project, verbose_name="โครงการ", on_delete=models.CASCADE, related_name="budget_lines")
    fiscal_year = models.PositiveSmallIntegerField(
        "ปีงบประมาณ (พ.ศ.)", validators=fiscal_year_validators, help_text="ต้องอยู่ในช่วงปีของแผน เช่น 2554"
    )
    amount = models.DecimalField(
        "งบประมาณ (บาท)",
        max_digits=MAX_AMOUNT_DIGITS,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), message="งบประมาณต้องไม่ติดลบ กรุณาใส่จำนวนเงินตั้งแต่ 0 บาทขึ้นไป")],
        help_text="จำนวนเงินเป็นบาท ใส่เฉพาะตัวเลข เช่น 1250000",
    )
    source = models.CharField("แหล่งงบประมาณ", max_length=20, choices=Source.choices, default=Source.LOCAL)

    class Meta:
        ordering = ["project", "fiscal_year"]
        verbose_name = "งบประมาณรายปี"
        verbose_name_plural = "งบประมาณรายปี"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "fiscal_year"],
                name="plans_budgetline_one_per_year",
                violation_error_message="โครงการนี้มีงบประมาณของปีนี้แล้ว กรุณาแก้ไขบรรทัดเดิมแทนการเพิ่มใหม่",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="plans_budgetline_amount_not_negative",
                violation_error_message="งบประมาณต้องไม่ติดลบ กรุณาใส่จำนวนเงินตั้งแต่ 0 บาทขึ้นไป",
            ),
        ]

    def __str__(self):
        return f"{self.project} ปี {self.fiscal_year}"

    def clean(self):
        try:
            plan = self.project.strategy.plan
        except ObjectDoesNotExist:
            return  # the project's own form reports what is missing
        if self.fiscal_year and not plan.covers(self.fiscal_year):
            raise ValidationError(
                {
                    "fiscal_year": ValidationError(
                        f"ปีงบประมาณ {self.fiscal_year} อยู่นอกช่วงของแผน ({plan.first_year}–{plan.last_year}) "
                        "กรุณาใส่ปีที่อยู่ในช่วงของแผน",
                        code="year_outside_plan",
                    )
                }
            )
