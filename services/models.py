"""บริการประชาชน: one request engine for complaints, corruption reports, e-service requests and questions.

A request kind (RequestKind) says what it asks (its KindFields), which unit handles it, how many days
the office has to answer and whether it may be anonymous. A resident's submission is a ServiceRequest,
followed by a tracking code; every change is a RequestEvent (the history and the public timeline).
Corruption reports are *sealed*: ServiceRequest.objects hides them, and only SealedReport (a proxy
opened through its own admin by members of ผู้รับเรื่องทุจริต) shows them; every opening is logged.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.images import SafeImageField
from core.loading import QuicklyLoaded
from core.models import PublishableQuerySet, TimestampedModel
from core.reversing import reverse

# Crockford's base 32 without I, L, O, U: nothing to misread on a phone or over the telephone.
TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKING_LENGTH = 10  # 32**10 ≈ 10**15 codes: guessing one is hopeless, and lookups are rate limited
MAX_PHOTOS = 3


def new_tracking_code() -> str:
    """A random code from the operating system's CSPRNG: no code says anything about another."""
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def normalise_tracking_code(text: str) -> str:
    """What a resident typed ("abcd-efgh 12", with O for 0) as a stored code, or "" if it cannot be one."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum() and ch.isascii())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != TRACKING_LENGTH or any(ch not in TRACKING_ALPHABET for ch in cleaned):
        return ""
    return cleaned


def format_tracking_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}" if len(code) == TRACKING_LENGTH else code


class Category(models.TextChoices):
    COMPLAINT = "complaint", "ร้องเรียน/ร้องทุกข์"
    CORRUPTION = "corruption", "แจ้งเบาะแสการทุจริต"
    SERVICE = "service", "คำร้องขอรับบริการ"
    QUESTION = "question", "ถามตอบ"


class Status(models.TextChoices):
    RECEIVED = "received", "รับเรื่อง"
    IN_PROGRESS = "in_progress", "กำลังดำเนินการ"
    FORWARDED = "forwarded", "ส่งต่อหน่วยงาน"
    DONE = "done", "เสร็จสิ้น"
    REFUSED = "refused", "ไม่รับเรื่อง"


OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS, Status.FORWARDED)
CLOSED_STATUSES = (Status.DONE, Status.REFUSED)


class PrivacyNotice(TimestampedModel):
    """The privacy notice (ประกาศความเป็นส่วนตัว) shown above every form; a resident's consent records its version."""

    title = models.CharField("ชื่อประกาศ", max_length=200, default="ประกาศความเป็นส่วนตัวสำหรับการรับเรื่องจากประชาชน")
    text = models.TextField(
        "ข้อความประกาศ",
        help_text="ข้อความธรรมดา ขึ้นบรรทัดใหม่ได้ บอกว่าเก็บข้อมูลอะไร ใช้ทำอะไร เก็บนานเท่าใด และติดต่อใครเพื่อขอดูหรือลบข้อมูล",
    )
    version = models.CharField(
        "ฉบับที่",
        max_length=30,
        unique=True,
        help_text="เช่น 2569-1 เมื่อแก้ไขเนื้อหา ให้เพิ่มประกาศฉบับใหม่แทนการแก้ฉบับเดิม เพื่อให้รู้ว่าผู้แจ้งยินยอมตามฉบับใด",
    )
    is_current = models.BooleanField("ใช้ฉบับนี้", default=False, help_text="แบบฟอร์มแสดงฉบับที่เลือกไว้ล่าสุดเพียงฉบับเดียว")

    class Meta:
        ordering = ["-is_current", "-created_at", "-pk"]
        verbose_name = "ประกาศความเป็นส่วนตัว"
        verbose_name_plural = "ประกาศความเป็นส่วนตัว"

    def __str__(self):
        return f"{self.title} (ฉบับ {self.version})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.is_current:
            PrivacyNotice.objects.exclude(pk=self.pk).filter(is_current=True).update(is_current=False)

    @classmethod
    def current(cls):
        from core.compiled import first_or_none

        return first_or_none(("services.privacy_notice",), lambda: cls.objects.filter(is_current=True).order_by("-pk"))


class RequestKindQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(is_active=True)


class RequestKind(TimestampedModel):
    """A kind of request a resident can send: ร้องเรียนเรื่องถนน, ขอรถบรรทุกน้ำ, แจ้งเบาะแสการทุจริต…"""

    name = models.CharField("ชื่อเรื่อง", max_length=150, help_text="ชื่อที่ประชาชนเห็น เช่น ขอรถบรรทุกน้ำ")
    slug = models.SlugField(
        "ชื่อในลิงก์", max_length=80, unique=True, help_text="ส่วนท้ายของลิงก์แบบฟอร์ม เช่น water-truck ใช้ a-z ตัวเลข และขีด (-)"
    )
    category = models.CharField(
        "หมวด",
        max_length=20,
        choices=Category.choices,
        default=Category.COMPLAINT,
        help_text="หมวด “แจ้งเบาะแสการทุจริต” เป็นเรื่องปิดผนึก เปิดดูได้เฉพาะกลุ่มผู้รับเรื่องทุจริต",
    )
    description = models.TextField("คำอธิบาย", blank=True, help_text="ข้อความธรรมดา บอกว่าเรื่องนี้ใช้ยื่นเมื่อใด ต้องเตรียมอะไร")
    handling_unit = models.ForeignKey(
        "staff.Unit",
        verbose_name="หน่วยงานที่รับผิดชอบ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="เรื่องใหม่จะเข้ากล่องงานของหน่วยงานนี้",
    )
    target_days = models.PositiveSmallIntegerField(
        "ตอบภายใน (วัน)", default=15, help_text="จำนวนวันที่ตั้งเป้าตอบเรื่องให้เสร็จ เรื่องที่เกินกำหนดจะขึ้นบนสุดของกล่องงาน"
    )
    allow_anonymous = models.BooleanField(
        "ไม่ประสงค์ออกนามได้", default=False, help_text="ให้ผู้แจ้งเลือกไม่ระบุชื่อได้ (จะไม่เก็บชื่อ ที่อยู่ IP หรือบัญชีผู้ใช้)"
    )
    ask_location = models.BooleanField("ถามตำแหน่งบนแผนที่", default=False)
    ask_photos = models.BooleanField("รับภาพถ่าย", default=True, help_text=f"ผู้แจ้งแนบภาพได้ไม่เกิน {MAX_PHOTOS} ภาพ")
    is_active = models.BooleanField("เปิดรับเรื่อง", default=True)
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="เลขน้อยแสดงก่อน")

    objects = RequestKindQuerySet.as_manager()

    class Meta:
        ordering = ["category", "order", "name"]
        verbose_name = "ประเภทเรื่อง"
        verbose_name_plural = "ประเภทเรื่อง"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:submit", kwargs={"slug": self.slug})

    @property
    def is_sealed(self):
        return self.category == Category.CORRUPTION


class KindField(QuicklyLoaded):
    """A question a kind of request asks, of one of a few declared types."""

    class Type(models.TextChoices):
        TEXT = "text", "ข้อความสั้น"
        LONG_TEXT = "long_text", "ข้อความยาว"
        CHOICE = "choice", "ตัวเลือก"
        DATE = "date", "วันที่"
        PHONE = "phone", "เบอร์โทรศัพท์"
        VILLAGE = "village", "หมู่ที่"

    kind = models.ForeignKey(RequestKind, verbose_name="ประเภทเรื่อง", on_delete=models.CASCADE, related_name="fields")
    label = models.CharField("คำถาม", max_length=150)
    field_type = models.CharField("ชนิดคำตอบ", max_length=20, choices=Type.choices, default=Type.TEXT)
    choices = models.TextField("ตัวเลือก", blank=True, help_text="สำหรับชนิด “ตัวเลือก”: พิมพ์ตัวเลือกละหนึ่งบรรทัด")
    required = models.BooleanField("ต้องตอบ", default=False)
    help_text = models.CharField("คำอธิบายใต้ช่อง", max_length=300, blank=True)
    order = models.PositiveIntegerField("ลำดับ", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "คำถามในแบบฟอร์ม"
        verbose_name_plural = "คำถามในแบบฟอร์ม (ตำแหน่งบนแผนที่และภาพถ่ายเลือกที่ประเภทเรื่อง)"

    def __str__(self):
        return self.label

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        if self.field_type == self.Type.CHOICE and len(self.choice_list) < 2:
            raise ValidationError(
                {
                    "choices": ValidationError(
                        "คำถามแบบตัวเลือกต้องมีอย่างน้อย 2 ตัวเลือก บรรทัดละหนึ่งตัวเลือก", code="too_few_choices"
                    )
                }
            )


class ClerkUnit(QuicklyLoaded):
    """Which unit's inbox a clerk works (a clerk may work more than one)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="เจ้าหน้าที่", on_delete=models.CASCADE, related_name="service_units"
    )
    unit = models.ForeignKey("staff.Unit", verbose_name="หน่วยงาน", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["user__username", "pk"]
        verbose_name = "เจ้าหน้าที่รับเรื่องของหน่วยงาน"
        verbose_name_plural = "เจ้าหน้าที่รับเรื่องของหน่วยงาน"
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="services_clerkunit_unique")]

    def __str__(self):
        return f"{self.user} – {self.unit}"


class RequestQuerySet(models.QuerySet):
    def ordinary(self):
        return self.filter(is_sealed=False)

    def sealed(self):
        return self.filter(is_sealed=True)

    def overdue_first(self, today=None):
        today = today or timezone.localdate()
        overdue = models.Case(
            models.When(status__in=OPEN_STATUSES, due_date__lt=today, then=models.Value(0)),
            models.When(status__in=OPEN_STATUSES, then=models.Value(1)),
            default=models.Value(2),
            output_field=models.IntegerField(),
        )
        return self.annotate(overdue_rank=overdue).order_by("overdue_rank", "due_date", "-created_at", "-pk")


class OrdinaryRequestManager(models.Manager.from_queryset(RequestQuerySet)):
    """Never returns a sealed report: the admin, search, exports and every list start here."""

    def get_queryset(self):
        return super().get_queryset().filter(is_sealed=False)


class ServiceRequest(TimestampedModel):
    """One request from a resident, followed by its tracking code."""

    kind = models.ForeignKey(RequestKind, verbose_name="ประเภทเรื่อง", on_delete=models.PROTECT, related_name="requests")
    tracking_code = models.CharField("รหัสติดตามเรื่อง", max_length=TRACKING_LENGTH, unique=True, editable=False)
    is_sealed = models.BooleanField("เรื่องปิดผนึก", default=False, editable=False, db_index=True)
    status = models.CharField("สถานะ", max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    subject = models.CharField("เรื่อง", max_length=200)
    details = models.TextField("รายละเอียด")
    answers = models.JSONField("คำตอบในแบบฟอร์ม", default=list, blank=True)
    latitude = models.DecimalField("ละติจูด", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("ลองจิจูด", max_digits=9, decimal_places=6, null=True, blank=True)
    is_anonymous = models.BooleanField("ไม่ประสงค์ออกนาม", default=False)
    name = models.CharField("ชื่อผู้แจ้ง", max_length=150, blank=True)
    phone = models.CharField("โทรศัพท์ผู้แจ้ง", max_length=30, blank=True)
    email = models.EmailField("อีเมลผู้แจ้ง", blank=True)
    address = models.CharField("ที่อยู่ผู้แจ้ง", max_length=300, blank=True)
    # Kept for a named request only (abuse handling); an anonymous one keeps no address and no account.
    submitter_ip = models.GenericIPAddressField("ที่อยู่ IP ผู้แจ้ง", null=True, blank=True, editable=False)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="บัญชีผู้แจ้ง", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )  # fmt: skip
    consent_notice = models.ForeignKey(
        PrivacyNotice, verbose_name="ประกาศความเป็นส่วนตัวที่ยินยอม", null=True, on_delete=models.PROTECT, editable=False
    )
    consent_version = models.CharField("ยินยอมตามประกาศฉบับที่", max_length=30, editable=False)
    consented_at = models.DateTimeField("ยินยอมเมื่อ", editable=False)
    unit = models.ForeignKey(
        "staff.Unit", verbose_name="หน่วยงานที่รับผิดชอบ", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="ผู้รับผิดชอบ", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_service_requests",
    )  # fmt: skip
    due_date = models.DateField("กำหนดเสร็จ", null=True, blank=True)
    finished_at = models.DateTimeField("ปิดเรื่องเมื่อ", null=True, blank=True, editable=False)
    refusal_reason = models.TextField("เหตุผลที่ไม่รับเรื่อง", blank=True)

    objects = OrdinaryRequestManager()
    all_requests = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "เรื่องจากประชาชน"
        verbose_name_plural = "เรื่องจากประชาชน (กล่องงาน)"
        base_manager_name = "all_requests"
        default_manager_name = "objects"

    def __str__(self):
        if self.is_sealed:
            return f"เรื่องปิดผนึกที่ {self.pk}"
        return f"{self.subject} ({format_tracking_code(self.tracking_code)})"

    # Deliberately not get_absolute_url(): the admin's "view on site" shortcut (/admin/r/<type>/<pk>/) would
    # hand any staff member the tracking code of a sealed report by its number.
    def tracking_url(self):
        return reverse("services:track", kwargs={"code": self.tracking_code})

    @property
    def code_display(self):
        return format_tracking_code(self.tracking_code)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()

    @property
    def name_initial(self):
        """All the tracking page ever says about who sent it."""
        if self.is_anonymous or not self.name.strip():
            return "ไม่ประสงค์ออกนาม" if self.is_anonymous else "—"
        return f"{self.name.strip()[0]}."

    def days_to_finish(self):
        if self.finished_at is None:
            return None
        return (self.finished_at - self.created_at) / datetime.timedelta(days=1)


class SealedReport(ServiceRequest):
    """The sealed corruption reports, opened only through their own admin by ผู้รับเรื่องทุจริต."""

    objects = RequestQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = "เรื่องแจ้งเบาะแสการทุจริต (ปิดผนึก)"
        verbose_name_plural = "เรื่องแจ้งเบาะแสการทุจริต (ปิดผนึก)"
        default_manager_name = "objects"


def photo_upload_to(instance, filename):
    # A random folder per photo: a photo's address cannot be guessed from another's.
    return f"services/{secrets.token_urlsafe(12)}/{filename}"


class RequestPhoto(QuicklyLoaded):
    request = models.ForeignKey(ServiceRequest, verbose_name="เรื่อง", on_delete=models.CASCADE, related_name="photos")
    image = SafeImageField("ภาพถ่าย", upload_to=photo_upload_to, width_field="width", height_field="height")
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField("แนบเมื่อ", auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "ภาพถ่ายประกอบเรื่อง"
        verbose_name_plural = "ภาพถ่ายประกอบเรื่อง"

    def __str__(self):
        return f"ภาพที่ {self.pk}"


class RequestEvent(QuicklyLoaded):
    """One step of a request's history: who did what, when; what the public sees and what stays inside."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "ยื่นเรื่อง"
        STATUS = "status", "เปลี่ยนสถานะ"
        ASSIGNED = "assigned", "มอบหมายผู้รับผิดชอบ"
        NOTE = "note", "บันทึก"
        FOLLOW_UP = "follow_up", "ผู้แจ้งส่งข้อความเพิ่มเติม"

    request = models.ForeignKey(ServiceRequest, verbose_name="เรื่อง", on_delete=models.CASCADE, related_name="events")
    action = models.CharField("การดำเนินการ", max_length=20, choices=Action.choices)
    status = models.CharField("สถานะ", max_length=20, choices=Status.choices, blank=True)
    public_reply = models.TextField("คำตอบถึงผู้แจ้ง (แสดงต่อสาธารณะ)", blank=True)
    internal_note = models.TextField("บันทึกภายใน", blank=True)
    message = models.TextField("ข้อความจากผู้แจ้ง", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="โดย", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="มอบหมายให้",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("เมื่อ", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "ประวัติการดำเนินการ"
        verbose_name_plural = "ประวัติการดำเนินการ"

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_public(self):
        return self.action in (self.Action.SUBMITTED, self.Action.STATUS, self.Action.FOLLOW_UP)


class SealedAccessLog(QuicklyLoaded):
    """Every opening of a sealed report: who, when, how."""

    report = models.ForeignKey(ServiceRequest, verbose_name="เรื่อง", on_delete=models.CASCADE, related_name="openings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="ผู้เปิด", null=True, on_delete=models.SET_NULL)
    action = models.CharField("การเปิด", max_length=30)
    at = models.DateTimeField("เมื่อ", default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "บันทึกการเปิดเรื่องปิดผนึก"
        verbose_name_plural = "บันทึกการเปิดเรื่องปิดผนึก"

    def __str__(self):
        return f"{self.user} {self.action} {self.at:%Y-%m-%d %H:%M}"


# --- satisfaction survey ------------------------------------------------------------------------------


class SurveyQuestion(TimestampedModel):
    class Scope(models.TextChoices):
        BOTH = "both", "ทั้งสองแบบ"
        AFTER_REQUEST = "after_request", "หลังเรื่องเสร็จสิ้น"
        YEARLY = "yearly", "แบบสำรวจประจำปี"

    text = models.CharField("คำถาม", max_length=300, help_text="ตอบเป็นคะแนน 1 (น้อยที่สุด) ถึง 5 (มากที่สุด)")
    scope = models.CharField("ใช้ในแบบสำรวจ", max_length=20, choices=Scope.choices, default=Scope.BOTH)
    order = models.PositiveIntegerField("ลำดับ", default=0)
    is_active = models.BooleanField("ใช้อยู่", default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "คำถามความพึงพอใจ"
        verbose_name_plural = "คำถามความพึงพอใจ"

    def __str__(self):
        return self.text


class SurveyResponse(QuicklyLoaded):
    class Scope(models.TextChoices):
        AFTER_REQUEST = "after_request", "หลังเรื่องเสร็จสิ้น"
        YEARLY = "yearly", "แบบสำรวจประจำปี"

    scope = models.CharField("แบบสำรวจ", max_length=20, choices=Scope.choices)
    request = models.OneToOneField(
        ServiceRequest, verbose_name="เรื่อง", null=True, blank=True, on_delete=models.SET_NULL, related_name="survey"
    )
    fiscal_year = models.PositiveIntegerField("ปีงบประมาณ", db_index=True)
    comment = models.TextField("ความคิดเห็น", blank=True)
    created_at = models.DateTimeField("ตอบเมื่อ", default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "คำตอบแบบสำรวจความพึงพอใจ"
        verbose_name_plural = "คำตอบแบบสำรวจความพึงพอใจ"

    def __str__(self):
        return f"{self.get_scope_display()} {self.created_at:%Y-%m-%d}"


class SurveyAnswer(QuicklyLoaded):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField("คะแนน")

    class Meta:
        ordering = ["pk"]
        verbose_name = "คะแนน"
        verbose_name_plural = "คะแนน"

    def __str__(self):
        return f"{self.question}: {self.score}"


# --- published questions and answers ------------------------------------------------------------------


class PublishedQuestionQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(is_published=True)


class PublishedQuestion(TimestampedModel):
    """A question to the office and its answer, anonymised by a clerk and published in the public Q&A."""

    question = models.TextField("คำถาม", help_text="ตัดชื่อ ที่อยู่ เบอร์โทร และข้อมูลที่ระบุตัวผู้ถามออกก่อนเผยแพร่")
    answer = models.TextField("คำตอบ", help_text="ข้อความธรรมดา ขึ้นบรรทัดใหม่ได้")
    is_published = models.BooleanField("เผยแพร่", default=False)
    published_at = models.DateTimeField("เผยแพร่เมื่อ", default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="แก้ไขล่าสุดโดย", null=True, blank=True, on_delete=models.SET_NULL,
        editable=False, related_name="+",
    )  # fmt: skip

    objects = PublishedQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "ถามตอบที่เผยแพร่"
        verbose_name_plural = "ถามตอบที่เผยแพร่"

    def __str__(self):
        return self.question[:80]

    def get_absolute_url(self):
        return reverse("services:question", kwargs={"pk": self.pk})
