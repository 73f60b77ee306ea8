from django.contrib import admin, messages
from django.db.models import Count, Q

from core.admin import AuditedAdmin, image_preview
from staff.models import Person, Position, Unit
from staff.services import people_leave_office, people_return_to_office


class OnlySuperusersDelete:
    """Clerks never delete: a unit is hidden and a person leaves office, so the record stays."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class PositionInline(admin.TabularInline):
    model = Position
    fields = ["title", "role", "rank", "seats"]
    extra = 0
    verbose_name = "ตำแหน่ง"
    verbose_name_plural = "ตำแหน่งในหน่วยงานนี้ (อัตราที่ไม่มีผู้ดำรงตำแหน่งแสดงว่า “ว่าง”)"


class PersonInline(admin.TabularInline):
    model = Person
    fields = ["photo_thumbnail", "title", "first_name", "last_name", "position", "village", "order", "is_active"]
    readonly_fields = ["photo_thumbnail"]
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = "บุคลากร"
    verbose_name_plural = "บุคลากรในหน่วยงานนี้ (แก้ไขภาพและช่องทางติดต่อได้ที่ปุ่มแก้ไขของแต่ละคน)"

    @admin.display(description="ภาพ")
    def photo_thumbnail(self, obj):
        return image_preview(obj.photo, height=48)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("position")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "position":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        unit_id = request.resolver_match.kwargs.get("object_id")
        # Only the positions of the unit being edited make sense here.
        kwargs["queryset"] = Position.objects.filter(unit_id=unit_id).select_related("unit")
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Every row offers the same positions: read them once for the page and share the list, or drawing
        # each row's dropdown would query them again (one query per person). Saving still checks the queryset.
        formfield.choices = list(formfield.choices)
        return formfield


@admin.register(Unit)
class UnitAdmin(OnlySuperusersDelete, AuditedAdmin):
    list_display = ["name", "slug", "side", "kind", "parent", "order", "people_count", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["side", "kind", "is_active"]
    search_fields = ["name", "slug"]
    list_select_related = ["parent"]
    readonly_fields = ["created_at", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "side", "kind", "parent", "order", "is_active"]}),
        ("รายละเอียด", {"fields": ["phone", "duties"]}),
        ("บันทึกการแก้ไข", {"classes": ["collapse"], "fields": ["created_at", "updated_at", "updated_by"]}),
    ]
    inlines = [PositionInline, PersonInline]
    view_on_site = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(active_people=Count("people", filter=Q(people__is_active=True)))

    @admin.display(description="บุคลากร (คน)", ordering="active_people")
    def people_count(self, obj):
        return obj.active_people


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "role", "rank", "seats", "holders"]
    list_editable = ["rank", "seats"]
    list_filter = ["unit", "unit__side", "role"]
    search_fields = ["title", "unit__name"]
    list_select_related = ["unit"]
    fields = ["unit", "title", "role", "rank", "seats"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(holders_count=Count("people", filter=Q(people__is_active=True)))

    @admin.display(description="ผู้ดำรงตำแหน่ง")
    def holders(self, obj):
        if obj.holders_count == 0:
            return "ว่าง"
        return f"{obj.holders_count} / {obj.seats} คน"


@admin.register(Person)
class PersonAdmin(OnlySuperusersDelete, AuditedAdmin):
    list_display = ["photo_thumbnail", "full_name", "position", "unit", "village", "order", "is_active"]
    list_display_links = ["photo_thumbnail", "full_name"]
    list_filter = ["unit", "unit__side", "is_active", "position__role"]
    search_fields = ["first_name", "last_name", "title", "position__title"]
    list_select_related = ["position__unit", "unit"]
    ordering = ["unit__order", "position__rank", "order", "first_name"]
    readonly_fields = ["photo_preview", "created_at", "updated_at", "updated_by"]
    actions = ["leave_office", "return_to_office"]
    fieldsets = [
        ("ชื่อ", {"fields": ["title", "first_name", "last_name"]}),
        ("ตำแหน่ง", {"fields": ["unit", "position", "village", "order", "is_active"]}),
        ("ภาพถ่าย", {"fields": ["photo", "photo_preview", "photo_alt"]}),
        ("ติดต่อ", {"fields": ["phone", "email"]}),
        ("วาระการดำรงตำแหน่ง", {"fields": ["term_start", "term_end"]}),
        ("หน้าแรก", {"classes": ["collapse"], "fields": ["greeting"]}),
        ("บันทึกการแก้ไข", {"classes": ["collapse"], "fields": ["created_at", "updated_at", "updated_by"]}),
    ]
    view_on_site = True

    @admin.display(description="ชื่อ – นามสกุล", ordering="first_name")
    def full_name(self, obj):
        return obj.full_name

    @admin.display(description="ภาพ")
    def photo_thumbnail(self, obj):
        return image_preview(obj.photo, height=48)

    @admin.display(description="ตัวอย่างภาพ")
    def photo_preview(self, obj):
        return image_preview(obj.photo, height=160)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "position":
            kwargs["queryset"] = Position.objects.select_related("unit")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(description="พ้นตำแหน่ง (ซ่อนจากเว็บไซต์ เก็บข้อมูลไว้)", permissions=["change"])
    def leave_office(self, request, queryset):
        count = people_leave_office(people=queryset, by_user=request.user)
        self.message_user(request, f"บันทึกการพ้นตำแหน่ง {count} คน ข้อมูลยังอยู่ในระบบ แต่ไม่แสดงบนเว็บไซต์", messages.SUCCESS)

    @admin.action(description="กลับมาดำรงตำแหน่ง (แสดงบนเว็บไซต์อีกครั้ง)", permissions=["change"])
    def return_to_office(self, request, queryset):
        count = people_return_to_office(people=queryset, by_user=request.user)
        self.message_user(request, f"แสดงบนเว็บไซต์อีกครั้ง {count} คน", messages.SUCCESS)
