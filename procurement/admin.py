from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join

from core.admin import AuditedAdmin
from procurement.models import BudgetLine, BudgetOrdinance, Notice, ProcurementPlan


def stored_files(links):
    """Links to the files already stored (they live in private storage: the file widget cannot link to them)."""
    links = [(url, label) for url, label, present in links if present]
    if not links:
        return "—"
    return format_html_join(" · ", '<a href="{}" target="_blank" rel="noopener">{}</a>', links)


@admin.register(ProcurementPlan)
class ProcurementPlanAdmin(AuditedAdmin):
    list_display = ["fiscal_year", "display_title", "announced_on", "status", "is_sample"]
    list_filter = ["status"]
    fields = ["fiscal_year", "title", "announced_on", "summary", "file", "current_files", "status", "is_sample"]
    readonly_fields = ["current_files"]
    view_on_site = True

    @admin.display(description="ไฟล์ที่เก็บไว้")
    def current_files(self, obj):
        if not obj.pk:
            return "—"
        return stored_files([(reverse("procurement:plan_file", args=[obj.fiscal_year]), "ไฟล์แผน", bool(obj.file))])


@admin.register(Notice)
class NoticeAdmin(AuditedAdmin):
    list_display = ["title", "notice_type", "method", "announced_on", "fiscal_year", "contract_amount", "status"]
    list_filter = ["status", "notice_type", "method", "fiscal_year"]
    search_fields = ["title", "project_name", "egp_number", "winner"]
    date_hierarchy = "announced_on"
    readonly_fields = ["current_files", "updated_at", "updated_by"]
    fieldsets = [
        (
            None,
            {"fields": ["notice_type", "title", "project_name", "method", "egp_number", "announced_on", "fiscal_year"]},
        ),
        ("วงเงินและราคากลาง", {"fields": ["budget_source", "budget", "median_price", "median_price_file"]}),
        (
            "ผลการพิจารณาและสัญญา (ประกาศผู้ชนะ)",
            {
                "fields": ["bidders", "winner", "contract_amount", "reason", "contract_number", "contract_date"],
                "description": "กรอกเมื่อเป็นประกาศผู้ชนะ ข้อมูลนี้ใช้ทำแบบ สขร.1 และรายงานประจำปีโดยอัตโนมัติ",
            },
        ),
        ("ไฟล์และการเผยแพร่", {"fields": ["file", "current_files", "status", "is_sample"]}),
        ("บันทึกการแก้ไข", {"classes": ["collapse"], "fields": ["updated_at", "updated_by"]}),
    ]
    view_on_site = True
    save_on_top = True

    @admin.display(description="ไฟล์ที่เก็บไว้")
    def current_files(self, obj):
        if not obj.pk:
            return "—"
        return stored_files(
            [
                (reverse("procurement:notice_file", args=[obj.pk, "notice"]), "ไฟล์ประกาศ", bool(obj.file)),
                (
                    reverse("procurement:notice_file", args=[obj.pk, "median-price"]),
                    "เอกสารราคากลาง",
                    bool(obj.median_price_file),
                ),
            ]
        )


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    fields = ["programme", "amount", "order"]
    extra = 3


@admin.register(BudgetOrdinance)
class BudgetOrdinanceAdmin(AuditedAdmin):
    list_display = ["fiscal_year", "display_title", "total", "status", "is_sample"]
    list_filter = ["status"]
    fields = ["fiscal_year", "title", "total", "enacted_on", "file", "current_files", "status", "is_sample"]
    readonly_fields = ["current_files"]
    inlines = [BudgetLineInline]
    view_on_site = True

    @admin.display(description="ไฟล์ที่เก็บไว้")
    def current_files(self, obj):
        if not obj.pk:
            return "—"
        return stored_files(
            [(reverse("procurement:ordinance_file", args=[obj.fiscal_year]), "ข้อบัญญัติที่ลงนาม", bool(obj.file))]
        )
