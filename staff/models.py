"""The organisation as data: units (a tree on two sides), the positions in each unit, and the people who hold them.

A position is a title with a number of seats (อัตรา); a seat nobody active holds is shown as "ว่าง".
A person who leaves is deactivated, never deleted, so the record of who held an office stays.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.images import SafeImageField, missing_alt_text
from core.models import PublishableQuerySet, TimestampedModel
from core.reversing import reverse
from core.richtext import SanitizedRichTextField

VACANT_LABEL = "ว่าง"


class UnitQuerySet(PublishableQuerySet):
    def published(self):
        """Units the public may see."""
        return self.filter(is_active=True)


class Unit(TimestampedModel):
    """An organisational unit: คณะผู้บริหาร, สภา อบต., สำนักปลัด, ส่วนการคลัง, ... (a tree)."""

    class Side(models.TextChoices):
        POLITICAL = "political", "ฝ่ายการเมือง"
        PERMANENT = "permanent", "ฝ่ายประจำ"

    class Kind(models.TextChoices):
        EXECUTIVE = "executive", "คณะผู้บริหาร"
        COUNCIL = "council", "สภา"
        DIVISION = "division", "ส่วนราชการ"
        OTHER = "other", "อื่น ๆ"

    name = models.CharField("ชื่อหน่วยงาน", max_length=200)
    slug = models.SlugField(
        "ชื่อในลิงก์", max_length=100, unique=True, help_text="ส่วนท้ายของลิงก์ เช่น finance ใช้ a-z ตัวเลข และขีด (-)"
    )
    side = models.CharField("ฝ่าย", max_length=20, choices=Side.choices)
    kind = models.CharField(
        "ประเภท",
        max_length=20,
        choices=Kind.choices,
        default=Kind.DIVISION,
        help_text="คณะผู้บริหารแสดงในหน้า “ผู้บริหาร” สภาแสดงในหน้า “สภา” ส่วนราชการมีหน้าของตัวเอง",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="สังกัด",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="หน่วยงานที่อยู่เหนือขึ้นไปในแผนภูมิ เช่น สำนักปลัดสังกัดปลัด อบต. เว้นว่างถ้าเป็นหน่วยงานบนสุด",
    )
    duties = SanitizedRichTextField("อำนาจหน้าที่", blank=True, help_text="แสดงในหน้าของหน่วยงาน")
    phone = models.CharField("โทรศัพท์ติดต่อ", max_length=100, blank=True, help_text="เช่น 0 5500 0000 ต่อ 12")
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="เลขน้อยแสดงก่อน")
    is_active = models.BooleanField("แสดงบนเว็บไซต์", default=True)
    updated_by = models.ForeignKey(
        "auth.User", verbose_name="แก้ไขล่าสุดโดย", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "หน่วยงาน"
        verbose_name_plural = "หน่วยงาน"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # The executives and the council each have a page of their own, laid out for them.
        if self.kind == self.Kind.EXECUTIVE:
            return reverse("staff:executives")
        if self.kind == self.Kind.COUNCIL:
            return reverse("staff:council")
        return reverse("staff:unit_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.parent_id is None:
            return
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": ValidationError("หน่วยงานสังกัดตัวเองไม่ได้ กรุณาเลือกหน่วยงานอื่น", code="unit_cycle")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        if self.side and self.parent.side != self.side:
            raise ValidationError(
                {
                    "parent": ValidationError(
                        "หน่วยงานต้องอยู่ฝ่ายเดียวกับหน่วยงานที่สังกัด กรุณาเลือกฝ่ายหรือหน่วยงานสังกัดใหม่",
                        code="unit_side_mismatch",
                    )
                }
            )


class Position(TimestampedModel):
    """A title in a unit (นายก อบต., สมาชิกสภา, นักวิชาการเงินและบัญชี) with a number of seats."""

    class Role(models.TextChoices):
        HEAD = "head", "หัวหน้าหน่วยงาน"
        DEPUTY = "deputy", "รองหัวหน้า"
        SECRETARY = "secretary", "เลขานุการ"
        MEMBER = "member", "ผู้ปฏิบัติงาน / สมาชิก"

    LEADING_ROLES = (Role.HEAD, Role.DEPUTY, Role.SECRETARY)

    unit = models.ForeignKey(Unit, verbose_name="หน่วยงาน", on_delete=models.CASCADE, related_name="positions")
    title = models.CharField("ชื่อตำแหน่ง", max_length=200, help_text="เช่น นายกองค์การบริหารส่วนตำบล")
    role = models.CharField(
        "บทบาท",
        max_length=20,
        choices=Role.choices,
        default=Role.MEMBER,
        help_text="หัวหน้าหน่วยงานแสดงในแผนภูมิและเป็นหัวหน้าในหน้าของหน่วยงาน หัวหน้าของคณะผู้บริหาร (นายก) แสดงบนหน้าแรก",
    )
    rank = models.PositiveIntegerField("ลำดับตำแหน่ง", default=0, help_text="เลขน้อยแสดงก่อน เช่น นายก = 1 รองนายก = 2")
    seats = models.PositiveSmallIntegerField(
        "จำนวนอัตรา",
        default=1,
        validators=[MinValueValidator(1, message="จำนวนอัตราต้องมีอย่างน้อย 1")],
        help_text="จำนวนคนที่ดำรงตำแหน่งนี้ได้ อัตราที่ไม่มีผู้ดำรงตำแหน่งจะแสดงว่า “ว่าง”",
    )

    class Meta:
        ordering = ["unit__order", "rank", "title"]
        verbose_name = "ตำแหน่ง"
        verbose_name_plural = "ตำแหน่ง"

    def __str__(self):
        return f"{self.title} ({self.unit.name})"

    def get_absolute_url(self):
        return self.unit.get_absolute_url()

    @property
    def is_leading(self):
        return self.role in self.LEADING_ROLES

    @property
    def vacancies(self):
        """Seats nobody active holds; needs `active_people` set (see staff.views.positions_with_holders)."""
        return max(0, self.seats - len(self.active_people))

    @property
    def seat_list(self):
        """Each seat once: its holder, or None when it is vacant."""
        return [*self.active_people, *([None] * self.vacancies)]


class PersonQuerySet(PublishableQuerySet):
    def published(self):
        """People the public sees: in office, in a unit that is shown."""
        return self.filter(is_active=True, unit__is_active=True)


SHORT_TITLES = {"นาย", "นาง", "นางสาว", "น.ส.", "ด.ช.", "ด.ญ."}
# What Person.full_name reads: the fields a page that shows only names loads.
NAME_FIELDS = ("title", "first_name", "last_name")


class Person(TimestampedModel):
    """Someone who holds, or held, a position. People who leave are deactivated, not deleted."""

    title = models.CharField("คำนำหน้า", max_length=50, blank=True, help_text="เช่น นาย นาง นางสาว ว่าที่ร้อยตรี ดร.")
    first_name = models.CharField("ชื่อ", max_length=100)
    last_name = models.CharField("นามสกุล", max_length=100, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="หน่วยงาน",
        on_delete=models.PROTECT,
        related_name="people",
        blank=True,
        help_text="เว้นว่างได้ถ้าเลือกตำแหน่งแล้ว ระบบจะใช้หน่วยงานของตำแหน่ง",
    )
    position = models.ForeignKey(
        Position,
        verbose_name="ตำแหน่ง",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        help_text="ตำแหน่งในหน่วยงานเดียวกัน ต้องเลือกเมื่ออยู่ในคณะผู้บริหารหรือสภา หน่วยงานอื่นเว้นว่างได้",
    )
    village = models.PositiveSmallIntegerField(
        "หมู่ที่",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, message="หมู่ที่ต้องเป็นเลขตั้งแต่ 1 ขึ้นไป"),
            MaxValueValidator(99, message="หมู่ที่ต้องไม่เกิน 99"),
        ],
        help_text="สำหรับสมาชิกสภา: หมู่บ้านที่เป็นผู้แทน",
    )
    photo = SafeImageField(
        "ภาพถ่าย",
        upload_to="staff/",
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
        help_text="ภาพหน้าตรง แนวตั้ง (เช่น 600×750 พิกเซล) ไฟล์ JPEG, PNG, GIF หรือ WebP ไม่เกิน 20 MB",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(
        "คำอธิบายภาพ", max_length=200, blank=True, help_text="สำหรับผู้พิการทางสายตา เช่น ภาพถ่ายนายสมมติ ใจดี"
    )
    phone = models.CharField("โทรศัพท์", max_length=100, blank=True, help_text="เบอร์ที่ติดต่อได้โดยตรง")
    email = models.EmailField("อีเมล", blank=True)
    term_start = models.DateField("เริ่มดำรงตำแหน่ง", null=True, blank=True)
    term_end = models.DateField("สิ้นสุดวาระ", null=True, blank=True, help_text="เว้นว่างถ้ายังไม่กำหนด")
    greeting = models.TextField(
        "ข้อความทักทาย",
        blank=True,
        max_length=600,
        help_text="ข้อความสั้น ๆ ถึงประชาชน แสดงบนหน้าแรกคู่กับภาพของนายก (กรอกเฉพาะนายก อบต.)",
    )
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="ลำดับในตำแหน่งเดียวกัน เลขน้อยแสดงก่อน")
    is_active = models.BooleanField(
        "ดำรงตำแหน่งอยู่", default=True, help_text="เอาเครื่องหมายออกเมื่อพ้นตำแหน่ง ข้อมูลยังเก็บไว้แต่ไม่แสดงบนเว็บไซต์"
    )
    updated_by = models.ForeignKey(
        "auth.User", verbose_name="แก้ไขล่าสุดโดย", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["order", "first_name", "last_name"]
        verbose_name = "บุคลากร"
        verbose_name_plural = "บุคลากร"

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        title = self.title.strip()
        separator = "" if title in SHORT_TITLES or not title else " "
        return f"{title}{separator}{self.first_name} {self.last_name}".strip()

    @property
    def position_title(self):
        return self.position.title if self.position_id else ""

    def get_absolute_url(self):
        return f"{self.unit.get_absolute_url()}#person-{self.pk}"

    def clean(self):
        errors = {}
        if self.position_id and not self.unit_id:
            self.unit = self.position.unit
        if not self.unit_id:
            errors["unit"] = ValidationError("กรุณาเลือกหน่วยงาน หรือเลือกตำแหน่ง", code="unit_required")
        elif self.position_id and self.position.unit_id != self.unit_id:
            errors["position"] = ValidationError(
                "ตำแหน่งนี้อยู่ในหน่วยงานอื่น กรุณาเลือกตำแหน่งของ “%(unit)s”",
                code="position_unit_mismatch",
                params={"unit": self.unit.name},
            )
        if error := missing_alt_text(self.photo, self.photo_alt, example="ภาพถ่ายของบุคคลนี้"):
            errors["photo_alt"] = error
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = ValidationError("วันสิ้นสุดวาระต้องอยู่หลังวันเริ่มดำรงตำแหน่ง กรุณาตรวจสอบวันที่", code="term_order")
        if self.unit_id and "unit" not in errors:
            # The executives' and the council's pages list people by their office: without one she would
            # show only in the directory, so ask for it here rather than lose her from those pages.
            if self.unit.kind in (Unit.Kind.EXECUTIVE, Unit.Kind.COUNCIL) and not self.position_id:
                errors["position"] = ValidationError(
                    "บุคคลใน “%(unit)s” ต้องเลือกตำแหน่ง จึงจะแสดงในหน้า “%(page)s” ได้ "
                    "กรุณาเลือกตำแหน่ง (ถ้ายังไม่มีตำแหน่งที่ต้องการ ให้เพิ่มตำแหน่งในหน้าของหน่วยงานนี้ก่อน)",
                    code="position_required",
                    params={
                        "unit": self.unit.name,
                        "page": "ผู้บริหาร" if self.unit.kind == Unit.Kind.EXECUTIVE else "สภา",
                    },
                )
            is_council = self.unit.kind == Unit.Kind.COUNCIL
            if self.village and not is_council:
                errors["village"] = ValidationError("ระบุหมู่ที่เฉพาะสมาชิกสภา กรุณาเว้นช่องนี้ว่างไว้", code="village_not_council")
            is_member = self.position_id and self.position.role == Position.Role.MEMBER
            if is_council and is_member and not self.village:
                errors["village"] = ValidationError("สมาชิกสภาต้องระบุหมู่ที่เป็นผู้แทน กรุณากรอกหมู่ที่", code="village_required")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.position_id and not self.unit_id:
            self.unit_id = self.position.unit_id
        super().save(*args, **kwargs)
