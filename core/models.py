"""What every section of the site shares: the organisation's identity, its menu, and the base of
every public model (timestamps and the one visibility rule)."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve
from django.utils import timezone

from core.images import SafeImageField
from core.loading import QuicklyLoaded
from core.phones import tel_href


class TimestampedModel(QuicklyLoaded):
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("ปรับปรุงล่าสุด", auto_now=True)

    class Meta:
        abstract = True


# What a row keeps of its own history, which no public page shows.
BOOKKEEPING = ("created_at", "updated_at", "updated_by")


def without_bookkeeping(queryset, *related, shown=()):
    """``queryset`` without the bookkeeping of its rows (when each was made and last changed, and by whom), nor
    of the rows of ``related``, the select_related() paths read with them: for a public page, which shows none
    of it but ``shown`` (of the queryset's own rows: a post's time). Each time is converted from the database's
    value row by row, and every value loaded on a row is in the key of the row's memo (core/memo.py)."""

    def unshown(model, prefix=""):
        names = {field.name for field in model._meta.concrete_fields}
        return [prefix + name for name in BOOKKEEPING if name in names and (prefix or name not in shown)]

    deferred = unshown(queryset.model)
    for path in related:
        model = queryset.model
        for step in path.split("__"):
            model = model._meta.get_field(step).related_model
        deferred += unshown(model, f"{path}__")
    return queryset.defer(*deferred)


def can_preview(user, model) -> bool:
    """Staff who may change a model in the admin also see its drafts and scheduled items, behind a banner."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


class PublishableQuerySet(models.QuerySet):
    """The one answer to "what may this user see?" for every public model.

    Each model says what the public may see in ``published()``; ``visible_to(user)`` widens it to
    everything for staff who may change the model, and is what views, feeds, sitemaps, search and
    template tags call.
    """

    def published(self):
        raise NotImplementedError(f"{self.model.__name__}'s queryset must define published()")

    def visible_to(self, user):
        if user is not None and can_preview(user, self.model):
            return self.all()
        return self.published()


class SiteProfile(TimestampedModel):
    """The organisation's identity: one row, edited by clerks, shown on every page."""

    name = models.CharField("ชื่อหน่วยงาน", max_length=200, help_text="ชื่อเต็ม เช่น องค์การบริหารส่วนตำบล…")
    short_name = models.CharField("ชื่อย่อ", max_length=100, help_text="ชื่อที่ใช้ในที่แคบ เช่น อบต.…")
    district = models.CharField("อำเภอ", max_length=100, blank=True)
    province = models.CharField("จังหวัด", max_length=100, blank=True)
    address = models.TextField("ที่อยู่สำนักงาน", blank=True)
    postcode = models.CharField("รหัสไปรษณีย์", max_length=5, blank=True)
    phone = models.CharField("โทรศัพท์", max_length=100, blank=True)
    fax = models.CharField("โทรสาร", max_length=100, blank=True)
    email = models.EmailField("อีเมล", blank=True)
    office_hours = models.CharField(
        "เวลาทำการ", max_length=200, blank=True, help_text="เช่น วันจันทร์–ศุกร์ 08:30–16:30 น. (เว้นวันหยุดราชการ)"
    )
    slogan = models.CharField("คำขวัญ", max_length=300, blank=True, help_text="แสดงบนหน้าแรก")
    welcome_text = models.TextField("ข้อความต้อนรับ", blank=True, help_text="ข้อความสั้น ๆ ถึงผู้เยี่ยมชมบนหน้าแรก")
    logo = SafeImageField(
        "ตราสัญลักษณ์ (โลโก้)", upload_to="profile/", blank=True, width_field="logo_width", height_field="logo_height"
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_alt = models.CharField("คำอธิบายโลโก้", max_length=200, blank=True, help_text="สำหรับผู้ใช้โปรแกรมอ่านหน้าจอ")
    emblem_meaning = models.TextField("ความหมายของตราสัญลักษณ์", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    line_url = models.URLField("LINE", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    latitude = models.DecimalField("ละติจูดสำนักงาน", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("ลองจิจูดสำนักงาน", max_digits=9, decimal_places=6, null=True, blank=True)
    mourning_enabled = models.BooleanField(
        "เปิดโหมดไว้ทุกข์",
        default=False,
        help_text="ทุกหน้าของเว็บไซต์จะแสดงเป็นภาพขาวดำสำหรับผู้เยี่ยมชมทุกคน ตามวันที่ด้านล่าง เช่น ในช่วงไว้ทุกข์ของชาติ",
    )
    mourning_starts_on = models.DateField("เริ่มไว้ทุกข์วันที่", null=True, blank=True, help_text="เว้นว่างไว้เพื่อเริ่มทันทีที่บันทึก")
    mourning_ends_on = models.DateField(
        "สิ้นสุดวันที่", null=True, blank=True, help_text="วันสุดท้ายที่แสดงขาวดำ เว้นว่างไว้ถ้ายังไม่กำหนดวันสิ้นสุด"
    )

    class Meta:
        verbose_name = "ข้อมูลหน่วยงาน"
        verbose_name_plural = "ข้อมูลหน่วยงาน"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1  # there is exactly one profile
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        """The profile, or an unsaved empty one before a clerk has filled it in. Its query is compiled once
        (core/compiled.py): after an edit of the profile, every page asks for it again."""
        from core.compiled import first_or_none

        return first_or_none(("core.site_profile",), lambda: cls.objects.filter(pk=1)) or cls(name="", short_name="")

    def clean(self):
        if self.mourning_starts_on and self.mourning_ends_on and self.mourning_ends_on < self.mourning_starts_on:
            raise ValidationError(
                {
                    "mourning_ends_on": ValidationError(
                        "วันสิ้นสุดต้องไม่ก่อนวันเริ่มไว้ทุกข์ กรุณาแก้วันที่ใดวันที่หนึ่ง", code="mourning_dates_reversed"
                    )
                }
            )

    def mourning_is_on(self, day=None):
        """Whether every page is grey today (Bangkok's date): switched on, and today within the dates."""
        if not self.mourning_enabled:
            return False
        day = day or timezone.localdate()
        if self.mourning_starts_on and day < self.mourning_starts_on:
            return False
        return not (self.mourning_ends_on and day > self.mourning_ends_on)

    @property
    def phone_href(self):
        return tel_href(self.phone)

    @property
    def location_line(self):
        parts = []
        if self.district:
            parts.append(f"อำเภอ{self.district}")
        if self.province:
            parts.append(f"จังหวัด{self.province}")
        return " ".join(parts)


def _resolves(path):
    """Whether a path of this site leads somewhere (a menu must never offer a dead link)."""
    try:
        resolve(urlsplit(path).path)
    except Resolver404:
        return False
    return True


class MenuItemQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(is_visible=True)

    def visible(self):
        return self.published()


class MenuItem(QuicklyLoaded):
    """An entry of the main menu; clerks order it, group it and point it at any page of the site."""

    title = models.CharField("ชื่อเมนู", max_length=100)
    url = models.CharField(
        "ลิงก์", max_length=300, help_text="ที่อยู่ภายในเว็บไซต์ เช่น /news/activities/ หรือที่อยู่เต็มที่ขึ้นต้นด้วย https://"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="อยู่ภายใต้เมนู",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        help_text="เว้นว่างไว้ถ้าเป็นเมนูหลัก",
    )
    order = models.PositiveIntegerField("ลำดับ", default=0)
    is_visible = models.BooleanField("แสดงในเมนู", default=True)

    objects = MenuItemQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "เมนู"
        verbose_name_plural = "เมนูหลัก"

    def __str__(self):
        return f"{self.parent.title} › {self.title}" if self.parent_id else self.title

    def clean(self):
        url = self.url.strip()
        if url.startswith("/") and not url.startswith("//"):
            if not _resolves(url):
                raise ValidationError(
                    {"url": ValidationError("ไม่พบหน้านี้ในเว็บไซต์ กรุณาเปิดหน้านั้นแล้วคัดลอกลิงก์มาวาง", code="menu_url_unknown")}
                )
        elif not url.startswith(("https://", "http://")):
            raise ValidationError(
                {"url": ValidationError("ลิงก์ต้องขึ้นต้นด้วย / (หน้าในเว็บไซต์นี้) หรือ https://", code="invalid_menu_url")}
            )
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": ValidationError("เมนูย่อยซ้อนได้ชั้นเดียว กรุณาเลือกเมนูหลัก", code="menu_too_deep")})

    @classmethod
    def tree(cls):
        """Top-level items, each with its visible children, in one query."""
        from core.compiled import compiled

        items = compiled(("core.menu",), lambda: cls.objects.visible())
        top, children = [], {}
        for item in items:
            if item.parent_id:
                children.setdefault(item.parent_id, []).append(item)
            else:
                top.append(item)
        for item in top:
            item.visible_children = children.get(item.pk, [])
        return top
