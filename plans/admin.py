from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from core.admin import AuditedAdmin
from plans.budget import total_in_plan_years
from plans.forms import PlanImportForm
from plans.models import BudgetLine, Guideline, Plan, Project, Strategy
from plans.services import plan_import_csv
from plans.templatetags.plan_tags import baht

IMPORT_PERMISSIONS = ("plans.add_project", "plans.change_project")


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ["title", "slug", "first_year", "last_year", "status", "approval_date", "total_display"]
    list_filter = ["status"]
    search_fields = ["title", "summary"]
    readonly_fields = ["totals_display", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "first_year", "last_year", "status", "approval_date"]}),
        ("รายละเอียด", {"fields": ["summary", "note", "document"]}),
        ("งบประมาณรวม", {"fields": ["totals_display"]}),
        ("บันทึกการแก้ไข", {"classes": ["collapse"], "fields": ["updated_at", "updated_by"]}),
    ]
    view_on_site = True
    change_list_template = "admin/plans/plan/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(total=total_in_plan_years("strategies__projects__budget_lines"))

    @admin.display(description="งบประมาณรวม", ordering="total")
    def total_display(self, obj):
        return baht(obj.total or 0)

    @admin.display(description="งบประมาณรายปี")
    def totals_display(self, obj):
        if not obj.pk:
            return "—"
        sums = dict(
            BudgetLine.objects.filter(project__strategy__plan=obj, fiscal_year__in=obj.years)
            .values_list("fiscal_year")
            .annotate(total=Sum("amount"))
            .order_by()
        )
        rows = [(f"ปี {year}", baht(sums.get(year, 0))) for year in obj.years]
        rows.append(("รวมทั้งแผน", baht(sum(sums.values()))))
        return format_html("<table>{}</table>", format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", rows))

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="plans_plan_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Staff upload a CSV; every bad row is listed in Thai and nothing is saved until the whole file is good."""
        if not request.user.has_perms(IMPORT_PERMISSIONS):
            raise PermissionDenied
        result = None
        form = PlanImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            plan = form.cleaned_data["plan"]
            data = form.cleaned_data["file"].read()
            result = plan_import_csv(plan=plan, data=data, replace=form.cleaned_data["replace"])
            if result.ok:
                messages.success(request, result.summary())
                # The clerk lands on the projects just imported (their permission is on projects, not plans).
                return redirect(f"{reverse('admin:plans_project_changelist')}?strategy__plan__id__exact={plan.pk}")
        context = {
            **self.admin_site.each_context(request),
            "title": "นำเข้าโครงการจากไฟล์ CSV",
            "form": form,
            "result": result,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/plans/plan/import.html", context)


class GuidelineInline(admin.TabularInline):
    model = Guideline
    fields = ["number", "title", "description"]
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "project_count", "total_display"]
    list_filter = ["plan"]
    search_fields = ["title", "description"]
    fields = ["plan", "number", "title", "description", "totals_display"]
    readonly_fields = ["totals_display"]
    inlines = [GuidelineInline]
    view_on_site = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("plan")
            .annotate(
                project_count=Count("projects", distinct=True),
                total=total_in_plan_years("projects__budget_lines", plan="plan__"),
            )
        )

    @admin.display(description="จำนวนโครงการ", ordering="project_count")
    def project_count(self, obj):
        return obj.project_count

    @admin.display(description="งบประมาณรวม", ordering="total")
    def total_display(self, obj):
        return baht(obj.total or 0)

    @admin.display(description="งบประมาณรายปี")
    def totals_display(self, obj):
        if not obj.pk:
            return "—"
        sums = dict(
            BudgetLine.objects.filter(project__strategy=obj, fiscal_year__in=obj.plan.years)
            .values_list("fiscal_year")
            .annotate(t=Sum("amount"))
            .order_by()
        )
        rows = [(f"ปี {year}", baht(sums.get(year, 0))) for year in obj.plan.years]
        rows.append(("รวม", baht(sum(sums.values()))))
        return format_html("<table>{}</table>", format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", rows))


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    fields = ["fiscal_year", "amount", "source"]
    extra = 0
    min_num = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "strategy", "village", "unit", "total_display"]
    list_display_links = ["number", "name"]
    list_filter = ["strategy__plan", "strategy", "unit", "village"]
    search_fields = ["name", "location", "objective"]
    list_select_related = ["strategy", "unit"]
    readonly_fields = ["total_display"]
    fieldsets = [
        (None, {"fields": ["strategy", "guideline", "number", "name"]}),
        ("รายละเอียด", {"fields": ["objective", "target", "indicator", "expected_result"]}),
        ("สถานที่และผู้รับผิดชอบ", {"fields": ["location", "village", "unit"]}),
        ("งบประมาณรวม", {"fields": ["total_display"]}),
    ]
    inlines = [BudgetLineInline]
    view_on_site = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("strategy__plan", "unit")
            .annotate(total=total_in_plan_years("budget_lines", plan="strategy__plan__"))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("strategy", "guideline"):
            kwargs["queryset"] = db_field.related_model.objects.select_related(
                "plan" if db_field.name == "strategy" else "strategy"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="งบประมาณรวม", ordering="total")
    def total_display(self, obj):
        return baht(getattr(obj, "total", None) or 0)
