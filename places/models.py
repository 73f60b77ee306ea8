"""The tambon map: places a clerk pins on the interactive map, and the scanned map sheets shown as images."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.images import SafeImageField, missing_alt_text
from core.models import PublishableQuerySet, TimestampedModel
from core.reversing import reverse

LATITUDE_RANGE_MESSAGE = "ละติจูดต้องอยู่ระหว่าง -90 ถึง 90 องศา (ในประเทศไทยราว 6 ถึง 20) ตรวจดูว่าไม่ได้สลับช่องกับลองจิจูด"
LONGITUDE_RANGE_MESSAGE = "ลองจิจูดต้องอยู่ระหว่าง -180 ถึง 180 องศา (ในประเทศไทยราว 97 ถึง 106) ตรวจดูว่าไม่ได้สลับช่องกับละติจูด"
COORDINATE_HELP = (
    "องศาทศนิยม ไม่เกิน 6 ตำแหน่ง หาได้จาก Google Maps: คลิกขวาที่ตำแหน่ง แล้วคลิกตัวเลขบรรทัดแรกเพื่อคัดลอก "
    "ตัวเลขแรกคือละติจูด ตัวเลขที่สองคือลองจิจูด"
)


class Status(models.TextChoices):
    DRAFT = "draft", "ฉบับร่าง"
    PUBLISHED = "published", "เผยแพร่"


class PlaceQuerySet(PublishableQuerySet):
    def published(self):
        """What the public may see on the map page and in the sitemap: published places only."""
        return self.filter(status=Status.PUBLISHED)


class Place(TimestampedModel):
    """A point on the tambon's interactive map: a village, a temple, a school, an office, a landmark..."""

    class Kind(models.TextChoices):
        # The order here is the order of the groups in the list on the map page.
        VILLAGE = "village", "หมู่บ้าน"
        TEMPLE = "temple", "วัด"
        SCHOOL = "school", "โรงเรียน"
        GOVERNMENT = "government", "สถานที่ราชการ"
        HEALTH = "health", "สถานพยาบาล"
        LANDMARK = "landmark", "สถานที่สำคัญ"
        NATURE = "nature", "แหล่งน้ำและธรรมชาติ"
        OTHER = "other", "อื่น ๆ"

    Status = Status

    name = models.CharField("ชื่อสถานที่", max_length=200, help_text="ชื่อที่ชาวบ้านรู้จัก แสดงบนหมุดและในรายชื่อสถานที่")
    kind = models.CharField("ประเภท", max_length=20, choices=Kind.choices, default=Kind.LANDMARK)
    village_number = models.PositiveSmallIntegerField(
        "หมู่ที่",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, "หมู่ที่ต้องเป็นตัวเลขตั้งแต่ 1 ขึ้นไป"),
            MaxValueValidator(99, "หมู่ที่ต้องไม่เกิน 99"),
        ],
        help_text="ตัวเลขเท่านั้น เช่น 4 เว้นว่างถ้าสถานที่ไม่อยู่ในหมู่บ้านใดหมู่บ้านหนึ่ง",
    )
    description = models.TextField("คำอธิบาย", blank=True, help_text="ข้อความธรรมดา แสดงในรายชื่อสถานที่ใต้แผนที่ ขึ้นบรรทัดใหม่ได้")
    latitude = models.DecimalField(
        "ละติจูด",
        max_digits=9,
        decimal_places=6,
        validators=[
            MinValueValidator(Decimal("-90"), LATITUDE_RANGE_MESSAGE),
            MaxValueValidator(Decimal("90"), LATITUDE_RANGE_MESSAGE),
        ],
        help_text=COORDINATE_HELP,
    )
    longitude = models.DecimalField(
        "ลองจิจูด",
        max_digits=9,
        decimal_places=6,
        validators=[
            MinValueValidator(Decimal("-180"), LONGITUDE_RANGE_MESSAGE),
            MaxValueValidator(Decimal("180"), LONGITUDE_RANGE_MESSAGE),
        ],
        help_text=COORDINATE_HELP,
    )
    photo = SafeImageField(
        "ภาพถ่าย",
        upload_to="places/",
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
        help_text="ไม่บังคับ ไฟล์ JPEG, PNG, GIF หรือ WebP ไม่เกิน 20 MB",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(
        "คำอธิบายภาพถ่าย",
        max_length=200,
        blank=True,
        help_text="บอกว่าในภาพมีอะไร สำหรับผู้พิการทางสายตา ต้องกรอกเมื่อมีภาพถ่าย",
    )
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.DRAFT)
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="เลขน้อยแสดงก่อนภายในประเภทเดียวกัน")
    updated_by = models.ForeignKey(
        "auth.User", verbose_name="แก้ไขล่าสุดโดย", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name", "pk"]
        verbose_name = "สถานที่บนแผนที่"
        verbose_name_plural = "สถานที่บนแผนที่"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # A place has no page of its own: it is an entry of the list on the map page.
        return f"{reverse('places:map')}#{self.anchor}"

    @property
    def anchor(self):
        return f"place-{self.pk}"

    def clean(self):
        if error := missing_alt_text(self.photo, self.photo_alt):
            raise ValidationError({"photo_alt": error})


class MapSheetQuerySet(PublishableQuerySet):
    def published(self):
        """The map images the public may see on the map page."""
        return self.filter(status=Status.PUBLISHED)


class MapSheet(TimestampedModel):
    """A map of the tambon as an image (a scanned paper map, or one drawn by the office), shown on the map page."""

    Status = Status

    title = models.CharField("ชื่อแผนที่", max_length=200, help_text="เช่น แผนที่ตำบล แสดงเขตหมู่บ้าน")
    image = SafeImageField(
        "ภาพแผนที่",
        upload_to="maps/",
        width_field="image_width",
        height_field="image_height",
        help_text="ไฟล์ JPEG, PNG, GIF หรือ WebP ไม่เกิน 20 MB และไม่เกิน 40 ล้านพิกเซล (สแกนที่ 150–200 dpi ก็พอ)",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt = models.CharField(
        "คำอธิบายภาพ",
        max_length=300,
        help_text="บอกสั้น ๆ ว่าแผนที่แสดงอะไร สำหรับผู้พิการทางสายตา เช่น แผนที่ตำบล แสดงเขตหมู่บ้าน ถนน และแม่น้ำ",
    )
    caption = models.CharField("คำบรรยายใต้ภาพ", max_length=300, blank=True, help_text="เช่น ที่มาของแผนที่ หรือปีที่จัดทำ")
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.DRAFT)
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="เลขน้อยแสดงก่อน")
    updated_by = models.ForeignKey(
        "auth.User", verbose_name="แก้ไขล่าสุดโดย", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    objects = MapSheetQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "ภาพแผนที่ตำบล"
        verbose_name_plural = "ภาพแผนที่ตำบล"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{reverse('places:map')}#map-sheet-{self.pk}"
