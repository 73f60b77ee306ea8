from django.contrib import admin

from core.admin import AuditedAdmin, image_preview
from places.forms import PlaceAdminForm
from places.models import MapSheet, Place


@admin.register(Place)
class PlaceAdmin(AuditedAdmin):
    form = PlaceAdminForm
    list_display = ["photo_thumbnail", "name", "kind", "village_number", "status", "order", "updated_at"]
    list_display_links = ["photo_thumbnail", "name"]
    list_editable = ["order"]
    list_filter = ["kind", "village_number", "status"]
    list_select_related = ["updated_by"]
    search_fields = ["name", "description"]
    readonly_fields = ["photo_preview", "created_at", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "village_number", "status", "order"]}),
        ("คำอธิบาย", {"fields": ["description"]}),
        (
            "ตำแหน่งบนแผนที่",
            {
                "fields": ["latitude", "longitude"],
                "description": "หมุดบนแผนที่ตำบลจะปักตามพิกัดนี้ ตรวจผลได้ด้วยปุ่ม “ดูบนหน้าเว็บ” หลังบันทึก",
            },
        ),
        ("ภาพถ่าย", {"fields": ["photo", "photo_preview", "photo_alt"]}),
        ("บันทึกการแก้ไข", {"classes": ["collapse"], "fields": ["created_at", "updated_at", "updated_by"]}),
    ]
    view_on_site = True

    @admin.display(description="ภาพ")
    def photo_thumbnail(self, obj):
        return image_preview(obj.photo, height=48)

    @admin.display(description="ตัวอย่างภาพ")
    def photo_preview(self, obj):
        return image_preview(obj.photo, height=120)


@admin.register(MapSheet)
class MapSheetAdmin(AuditedAdmin):
    list_display = ["image_thumbnail", "title", "status", "order", "updated_at"]
    list_display_links = ["image_thumbnail", "title"]
    list_editable = ["order"]
    list_filter = ["status"]
    search_fields = ["title", "alt", "caption"]
    readonly_fields = ["sheet_preview", "created_at", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["title", "status", "order"]}),
        ("ภาพแผนที่", {"fields": ["image", "sheet_preview", "alt", "caption"]}),
        ("บันทึกการแก้ไข", {"classes": ["collapse"], "fields": ["created_at", "updated_at", "updated_by"]}),
    ]
    view_on_site = True

    @admin.display(description="ภาพ")
    def image_thumbnail(self, obj):
        return image_preview(obj.image, height=48)

    @admin.display(description="ตัวอย่างภาพ")
    def sheet_preview(self, obj):
        return image_preview(obj.image, height=200)
