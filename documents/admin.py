from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from core.admin import AuditedAdmin
from documents import services
from documents.models import AssessmentYear, Document, DocumentFile, DocumentType, ItaItem, ItaLink


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "order"]
    view_on_site = True


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    fields = ["file", "title", "kind_and_size", "preview_thumbnail", "order"]
    readonly_fields = ["kind_and_size", "preview_thumbnail"]
    extra = 2
    verbose_name = "ไฟล์"
    verbose_name_plural = "ไฟล์ของเอกสาร (PDF, Word, Excel ไม่เกิน 20 MB ต่อไฟล์; PDF จะมีภาพหน้าแรกให้อัตโนมัติ)"

    @admin.display(description="ชนิดและขนาด")
    def kind_and_size(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a> · {} · {}', obj.get_absolute_url(), obj.display_title, obj.kind, obj.size_display
        )

    @admin.display(description="ภาพหน้าแรก")
    def preview_thumbnail(self, obj):
        if not obj.pk or not obj.preview:
            return "—"
        return format_html('<img src="{}" alt="" height="80">', obj.get_preview_url())


@admin.register(Document)
class DocumentAdmin(AuditedAdmin):
    list_display = ["title", "doc_type", "fiscal_year", "issue_date", "status", "is_sample", "updated_by"]
    list_filter = ["status", "doc_type", "fiscal_year", "is_sample"]
    list_select_related = ["doc_type", "updated_by"]
    search_fields = ["title", "summary"]
    date_hierarchy = "issue_date"
    readonly_fields = ["preview_link", "created_at", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["doc_type", "title", "issuing_unit", "issue_date", "fiscal_year", "summary"]}),
        (
            "การเผยแพร่",
            {
                "fields": ["status", "preview_link", "is_sample"],
                "description": "ฉบับร่างเห็นได้เฉพาะเจ้าหน้าที่ (กด “ดูตัวอย่างหน้าเว็บ”) ประชาชนเห็นเมื่อเลือก “เผยแพร่”",
            },
        ),
        ("บันทึกการแก้ไข", {"classes": ["collapse"], "fields": ["created_at", "updated_at", "updated_by"]}),
    ]
    inlines = [DocumentFileInline]
    actions = ["publish_selected", "withdraw_selected"]
    view_on_site = True
    save_on_top = True

    @admin.display(description="ตัวอย่างหน้าเว็บ")
    def preview_link(self, obj):
        if not obj.pk:
            return "บันทึกก่อน แล้วจึงดูตัวอย่างได้"
        return format_html('<a href="{}" target="_blank" rel="noopener">ดูตัวอย่างหน้าเว็บ</a>', obj.get_absolute_url())

    @admin.action(description="เผยแพร่รายการที่เลือก", permissions=["change"])
    def publish_selected(self, request, queryset):
        changed = services.documents_set_status(documents=queryset, status=Document.Status.PUBLISHED, user=request.user)
        self.message_user(request, f"เผยแพร่แล้ว {changed} รายการ", messages.SUCCESS)

    @admin.action(description="ถอนกลับเป็นฉบับร่าง", permissions=["change"])
    def withdraw_selected(self, request, queryset):
        changed = services.documents_set_status(documents=queryset, status=Document.Status.DRAFT, user=request.user)
        self.message_user(request, f"ถอนกลับเป็นฉบับร่างแล้ว {changed} รายการ", messages.SUCCESS)


class ItaItemInline(admin.TabularInline):
    model = ItaItem
    fields = ["code", "title", "group", "order", "links_summary"]
    readonly_fields = ["links_summary"]
    extra = 0
    show_change_link = True
    verbose_name = "ข้อการประเมิน"
    verbose_name_plural = "ข้อการประเมินของปีนี้ (กด “เปลี่ยน” ของแต่ละข้อเพื่อเพิ่มลิงก์)"

    @admin.display(description="ลิงก์")
    def links_summary(self, obj):
        return f"{obj.links.count()} ลิงก์" if obj.pk else "—"


@admin.register(AssessmentYear)
class AssessmentYearAdmin(admin.ModelAdmin):
    list_display = ["year", "display_title", "is_published", "item_count", "missing_link"]
    list_filter = ["is_published"]
    fields = ["year", "title", "introduction", "is_published"]
    inlines = [ItaItemInline]
    actions = ["copy_to_next_year"]
    view_on_site = True

    @admin.display(description="จำนวนข้อ")
    def item_count(self, obj):
        return obj.items.count()

    @admin.display(description="ข้อที่ยังไม่มีข้อมูลเผยแพร่")
    def missing_link(self, obj):
        missing = len(services.missing_items(obj))
        url = reverse("admin:documents_assessmentyear_missing", args=[obj.pk])
        text = "ครบทุกข้อ" if not missing else f"ยังขาด {missing} ข้อ"
        return format_html('<a href="{}">{}</a>', url, text)

    @admin.action(description="คัดลอกรายการไปเป็นปีถัดไป (ปีเดิมไม่เปลี่ยน)", permissions=["add"])
    def copy_to_next_year(self, request, queryset):
        for source in queryset.order_by("year"):
            try:
                target = services.assessment_year_copy(source=source, to_year=source.year + 1)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            self.message_user(
                request,
                f"คัดลอกปี {source.year} เป็นปี {target.year} แล้ว ({target.items.count()} ข้อ) "
                "ปีใหม่ยังไม่แสดงต่อประชาชน กรุณาปรับรายการให้ตรงกับคู่มือของปีนั้น แล้วติ๊ก “แสดงต่อประชาชน”",
                messages.SUCCESS,
            )

    def get_urls(self):
        missing = self.admin_site.admin_view(self.missing_view)
        return [path("<int:pk>/missing/", missing, name="documents_assessmentyear_missing"), *super().get_urls()]

    def missing_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        year = get_object_or_404(AssessmentYear, pk=pk)
        return TemplateResponse(
            request,
            "admin/documents/ita_missing.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"ข้อที่ยังไม่มีข้อมูลเผยแพร่: ปี {year.year}",
                "year": year,
                "missing": services.missing_items(year),
            },
        )


class ItaLinkInline(admin.TabularInline):
    model = ItaLink
    fields = ["document", "url", "label", "order"]
    extra = 2
    verbose_name = "ลิงก์"
    verbose_name_plural = "ลิงก์ไปยังข้อมูล: เลือกเอกสาร หรือกรอกลิงก์ (หน้าในเว็บไซต์ที่ขึ้นต้นด้วย / หรือ https://…) อย่างใดอย่างหนึ่ง"

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if request.user.is_superuser:
            fields.insert(2, "url_name")
        return fields


@admin.register(ItaItem)
class ItaItemAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "year", "group", "links_list"]
    list_display_links = ["code", "title"]
    list_filter = ["year"]
    list_select_related = ["year"]
    search_fields = ["code", "title", "description"]
    fields = ["year", "code", "title", "group", "description", "order"]
    inlines = [ItaLinkInline]
    view_on_site = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("links__document")

    @admin.display(description="ลิงก์ที่ประชาชนเห็น")
    def links_list(self, obj):
        links = [link for link in obj.links.all() if link.is_published()]
        if not links:
            return format_html('<strong style="color:#b3261e">{}</strong>', "ยังไม่มี")
        return format_html_join(", ", "{}", ((link.display_label,) for link in links))
