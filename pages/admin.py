from ckeditor.widgets import CKEditorWidget
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from pages import services
from pages.buddhist_dates import (
    BuddhistDateField,
    BuddhistDateInput,
    BuddhistSplitDateTimeField,
    BuddhistSplitDateTimeWidget,
)
from pages.models import Announcement, Attachment, Category, GalleryImage, MenuItem, Page, SiteProfile
from pages.templatetags.thai_dates import thai_datetime


def editor_upload_config(request):
    """CKEditor settings that let its image uploads pass Django's CSRF check.

    CKEditor 4 uploads by XHR and sends ``fileTools_requestHeaders`` with each upload: Django's token
    goes there as X-CSRFToken. A plain form post (its other upload method) cannot carry the header,
    so it is never used.
    """
    return {"fileTools_requestHeaders": {"X-CSRFToken": get_token(request)}, "filebrowserUploadMethod": "xhr"}


class AuditedAdmin(admin.ModelAdmin):
    """Records which clerk last edited a row, lets CKEditor upload, and takes dates in the Buddhist era;
    reused by the other apps' admins."""

    formfield_overrides = {
        models.DateTimeField: {"form_class": BuddhistSplitDateTimeField, "widget": BuddhistSplitDateTimeWidget},
        models.DateField: {"form_class": BuddhistDateField, "widget": BuddhistDateInput},
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, CKEditorWidget):
            formfield.widget.config.update(editor_upload_config(request))
        return formfield

    def save_model(self, request, obj, form, change):
        if hasattr(obj, "updated_by_id"):
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)


def image_preview(field_file, height=80):
    if not field_file:
        return "—"
    return format_html('<img src="{}" alt="" style="height:{}px;width:auto;border-radius:4px">', field_file.url, height)


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    fieldsets = [
        ("ชื่อและที่ตั้ง", {"fields": ["name", "short_name", "district", "province", "address", "postcode"]}),
        ("ติดต่อ", {"fields": ["phone", "fax", "email", "office_hours"]}),
        ("หน้าแรก", {"fields": ["slogan", "welcome_text"]}),
        ("ตราสัญลักษณ์", {"fields": ["logo", "logo_preview", "logo_alt", "emblem_meaning"]}),
        ("สื่อออนไลน์", {"classes": ["collapse"], "fields": ["facebook_url", "line_url", "youtube_url"]}),
        ("พิกัดสำนักงาน", {"classes": ["collapse"], "fields": ["latitude", "longitude"]}),
    ]
    readonly_fields = ["logo_preview"]

    @admin.display(description="ตัวอย่างโลโก้")
    def logo_preview(self, obj):
        return image_preview(obj.logo)

    def has_add_permission(self, request):
        return not SiteProfile.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # There is one profile: the list would only ever hold one row, so go straight to it.
        profile = SiteProfile.objects.first()
        if profile:
            return redirect(reverse("admin:pages_siteprofile_change", args=[profile.pk]))
        return redirect(reverse("admin:pages_siteprofile_add"))


class MenuChildInline(admin.TabularInline):
    model = MenuItem
    fk_name = "parent"
    fields = ["title", "url", "order", "is_visible"]
    extra = 0
    verbose_name = "เมนูย่อย"
    verbose_name_plural = "เมนูย่อย"


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "parent", "order", "is_visible"]
    list_editable = ["order", "is_visible"]
    list_filter = ["is_visible", "parent"]
    search_fields = ["title", "url"]
    inlines = [MenuChildInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")


@admin.register(Page)
class PageAdmin(AuditedAdmin):
    list_display = ["title", "slug", "section", "order", "status", "updated_at", "updated_by"]
    list_filter = ["status", "section"]
    list_select_related = ["section", "updated_by"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["cover_preview", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "section", "order"]}),
        ("เนื้อหา", {"fields": ["summary", "body"]}),
        ("ภาพหน้าปก", {"fields": ["cover_image", "cover_preview", "cover_alt"]}),
        ("บันทึกการแก้ไข", {"classes": ["collapse"], "fields": ["updated_at", "updated_by"]}),
    ]
    view_on_site = True

    @admin.display(description="ตัวอย่างภาพ")
    def cover_preview(self, obj):
        return image_preview(obj.cover_image, height=120)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "home_section", "order", "published_count"]
    list_editable = ["order"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "description", "home_section", "order"]
    view_on_site = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                published_total=Count(
                    "announcements",
                    filter=Q(
                        announcements__status=Announcement.Status.PUBLISHED,
                        announcements__publish_at__lte=timezone.now(),
                    ),
                )
            )
        )

    @admin.display(description="จำนวนที่เผยแพร่", ordering="published_total")
    def published_count(self, obj):
        return obj.published_total


class GalleryImageInline(admin.TabularInline):
    model = GalleryImage
    fields = ["image", "thumbnail", "alt", "caption", "order"]
    readonly_fields = ["thumbnail"]
    extra = 1
    verbose_name = "ภาพ"
    verbose_name_plural = "แกลเลอรีภาพ (ภาพกิจกรรม พร้อมคำบรรยาย)"

    @admin.display(description="ตัวอย่าง")
    def thumbnail(self, obj):
        return image_preview(obj.image, height=60)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ["file", "title", "kind_and_size", "order"]
    readonly_fields = ["kind_and_size"]
    extra = 1
    verbose_name = "ไฟล์แนบ"
    verbose_name_plural = "ไฟล์แนบ (PDF, Word, Excel ไม่เกิน 20 MB)"

    @admin.display(description="ชนิดและขนาด")
    def kind_and_size(self, obj):
        if not obj.pk:
            return "—"
        return f"{obj.kind} · {obj.size_display}"


@admin.register(Announcement)
class AnnouncementAdmin(AuditedAdmin):
    list_display = ["cover_thumbnail", "title", "category", "visibility", "publish_date", "is_pinned", "updated_by"]
    list_display_links = ["cover_thumbnail", "title"]
    list_filter = ["category", "status", "publish_at", "is_pinned"]
    list_select_related = ["category", "updated_by"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["cover_preview", "preview_link", "created_at", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["category", "title", "summary", "body"]}),
        (
            "การเผยแพร่",
            {
                "fields": ["status", "publish_at", "is_pinned", "preview_link"],
                "description": "ฉบับร่างและเรื่องที่ตั้งเวลาไว้ เห็นได้เฉพาะเจ้าหน้าที่ (กด “ดูตัวอย่างหน้าเว็บ”)",
            },
        ),
        ("ภาพหน้าปก", {"fields": ["cover_image", "cover_preview", "cover_alt"]}),
        ("ลิงก์และบันทึกการแก้ไข", {"classes": ["collapse"], "fields": ["slug", "created_at", "updated_at", "updated_by"]}),
    ]
    inlines = [GalleryImageInline, AttachmentInline]
    actions = ["publish_selected", "withdraw_selected"]
    view_on_site = True
    save_on_top = True

    @admin.display(description="ภาพ")
    def cover_thumbnail(self, obj):
        return image_preview(obj.cover_image, height=48)

    @admin.display(description="ตัวอย่างภาพ")
    def cover_preview(self, obj):
        return image_preview(obj.cover_image, height=120)

    @admin.display(description="การแสดงผล", ordering="status")
    @admin.display(description="วันเวลาที่เผยแพร่", ordering="publish_at")
    def publish_date(self, obj):
        return thai_datetime(obj.publish_at)

    def visibility(self, obj):
        if obj.status == Announcement.Status.DRAFT:
            return "ฉบับร่าง"
        if obj.is_scheduled:
            return f"ตั้งเวลา: {thai_datetime(obj.publish_at)}"
        return "เผยแพร่แล้ว"

    @admin.display(description="ตัวอย่างหน้าเว็บ")
    def preview_link(self, obj):
        if not obj.pk:
            return "บันทึกก่อน แล้วจึงดูตัวอย่างได้"
        return format_html('<a href="{}" target="_blank" rel="noopener">ดูตัวอย่างหน้าเว็บ</a>', obj.get_absolute_url())

    @admin.action(description="เผยแพร่รายการที่เลือก", permissions=["change"])
    def publish_selected(self, request, queryset):
        changed = services.announcements_set_status(
            announcements=queryset, status=Announcement.Status.PUBLISHED, user=request.user
        )
        self.message_user(request, f"เผยแพร่แล้ว {changed} รายการ", messages.SUCCESS)

    @admin.action(description="ถอนกลับเป็นฉบับร่าง", permissions=["change"])
    def withdraw_selected(self, request, queryset):
        changed = services.announcements_set_status(
            announcements=queryset, status=Announcement.Status.DRAFT, user=request.user
        )
        self.message_user(request, f"ถอนกลับเป็นฉบับร่างแล้ว {changed} รายการ", messages.SUCCESS)
