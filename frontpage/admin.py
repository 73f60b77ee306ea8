from django.contrib import admin

from core.admin import AuditedAdmin, image_preview
from frontpage.models import Banner, QuickLink


@admin.register(Banner)
class BannerAdmin(AuditedAdmin):
    list_display = ["title", "thumbnail", "starts_at", "ends_at", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "alt"]
    fields = ["title", "image", "preview", "alt", "link", "starts_at", "ends_at", "order", "is_active"]
    readonly_fields = ["preview"]

    @admin.display(description="ภาพ")
    def thumbnail(self, obj):
        return image_preview(obj.image, height=40)

    @admin.display(description="ตัวอย่างภาพ")
    def preview(self, obj):
        return image_preview(obj.image, height=120)


@admin.register(QuickLink)
class QuickLinkAdmin(AuditedAdmin):
    list_display = ["title", "url", "icon", "order", "is_visible"]
    list_editable = ["order", "is_visible"]
