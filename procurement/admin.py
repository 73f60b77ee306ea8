from django.contrib import admin

from core.admin import AuditedAdmin
from procurement.models import BudgetLine, BudgetOrdinance, Notice, ProcurementPlan


@admin.register(ProcurementPlan)
class ProcurementPlanAdmin(AuditedAdmin):
    list_display = ["fiscal_year", "display_title", "announced_on", "status", "is_sample"]
    list_filter = ["status"]
    fields = ["fiscal_year", "title", "announced_on", "summary", "file", "status", "is_sample"]
    view_on_site = True


@admin.register(Notice)
class NoticeAdmin(AuditedAdmin):
    list_display = ["title", "notice_type", "method", "announced_on", "fiscal_year", "contract_amount", "status"]
    list_filter = ["status", "notice_type", "method", "fiscal_year"]
    search_fields = ["title", "project_name", "egp_number", "winner"]
    date_hierarchy = "announced_on"
    readonly_fields = ["updated_at", "updated_by"]
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
        ("ไฟล์และการเผยแพร่", {"fields": ["file", "status", "is_sample"]}),
        ("บันทึกการแก้ไข", {"classes": ["collapse"], "fields": ["updated_at", "updated_by"]}),
    ]
    view_on_site = True
    save_on_top = True


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    fields = ["programme", "amount", "order"]
    extra = 3


@admin.register(BudgetOrdinance)
class BudgetOrdinanceAdmin(AuditedAdmin):
    list_display = ["fiscal_year", "display_title", "total", "status", "is_sample"]
    list_filter = ["status"]
    fields = ["fiscal_year", "title", "total", "enacted_on", "file", "status", "is_sample"]
    inlines = [BudgetLineInline]
    view_on_site = True
