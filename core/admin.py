"""The admin's shared base for every section, and the organisation's identity and menu."""

from ckeditor.widgets import CKEditorWidget
from django.contrib import admin
from django.db import models
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from core.buddhist_dates import (
    BuddhistDateField,
    BuddhistDateInput,
    BuddhistSplitDateTimeField,
    BuddhistSplitDateTimeWidget,
)
from core.models import MenuItem, SiteProfile


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
        ("โหมดไว้ทุกข์", {"fields": ["mourning_enabled", "mourning_starts_on", "mourning_ends_on"]}),
    ]
    formfield_overrides = AuditedAdmin.formfield_overrides
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
            return redirect(reverse("admin:core_siteprofile_change", args=[profile.pk]))
        return redirect(reverse("admin:core_siteprofile_add"))


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
