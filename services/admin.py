"""The clerks' workflow: request kinds and their questions, the inbox per unit (overdue first), status
changes with a public reply and an internal note, the history, and the sealed corruption reports."""

import csv

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.admin import AuditedAdmin
from services import csv_safe, services
from services.models import (
    ClerkUnit,
    KindField,
    PrivacyNotice,
    PublishedQuestion,
    RequestEvent,
    RequestKind,
    RequestPhoto,
    SealedAccessLog,
    SealedReport,
    ServiceRequest,
    Status,
    SurveyQuestion,
    SurveyResponse,
)
from services.permissions import can_open_sealed


class KindFieldInline(admin.TabularInline):
    model = KindField
    fields = ["label", "field_type", "choices", "required", "help_text", "order"]
    extra = 0


@admin.register(RequestKind)
class RequestKindAdmin(AuditedAdmin):
    list_display = ["name", "category", "handling_unit", "target_days", "allow_anonymous", "is_active", "order"]
    list_editable = ["order"]
    list_filter = ["category", "is_active"]
    list_select_related = ["handling_unit"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [KindFieldInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "description", "is_active", "order"]}),
        ("การรับเรื่อง", {"fields": ["handling_unit", "target_days", "allow_anonymous", "ask_location", "ask_photos"]}),
    ]
    view_on_site = True


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(AuditedAdmin):
    list_display = ["title", "version", "is_current", "created_at"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(ClerkUnit)
class ClerkUnitAdmin(admin.ModelAdmin):
    list_display = ["user", "unit"]
    list_select_related = ["user", "unit"]
    autocomplete_fields = []
    search_fields = ["user__username", "user__first_name", "user__last_name"]


class InboxFilter(admin.SimpleListFilter):
    """กล่องงาน: a clerk with units sees their units' requests (and those assigned to them) by default."""

    title = "กล่องงาน"
    parameter_name = "inbox"

    def lookups(self, request, model_admin):
        return [("mine", "หน่วยงานของฉัน"), ("assigned", "มอบหมายให้ฉัน"), ("overdue", "เกินกำหนด"), ("all", "ทั้งหมด")]

    def _unit_ids(self, request):
        if not hasattr(request, "_services_unit_ids"):
            request._services_unit_ids = list(
                ClerkUnit.objects.filter(user=request.user).values_list("unit_id", flat=True)
            )
        return request._services_unit_ids

    def value(self):
        return super().value() or self.default

    def queryset(self, request, queryset):
        self.default = "mine" if self._unit_ids(request) else "all"
        choice = self.value()
        if choice == "mine":
            return queryset.filter(Q(unit_id__in=self._unit_ids(request)) | Q(assigned_to=request.user))
        if choice == "assigned":
            return queryset.filter(assigned_to=request.user)
        if choice == "overdue":
            return queryset.filter(status__in=[Status.RECEIVED, Status.IN_PROGRESS, Status.FORWARDED],
                                   due_date__lt=timezone.localdate())  # fmt: skip
        return queryset

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    default = "all"


class ReadOnlyInline(admin.TabularInline):
    """Part of the request's page: whoever may view the request sees it (the parent admin decides)."""

    extra = 0
    can_delete = False

    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = RequestEvent
    verbose_name_plural = "ประวัติการดำเนินการ (ใคร ทำอะไร เมื่อใด)"
    fields = ["created_at", "action", "status", "actor", "assigned_to", "public_reply", "internal_note", "message"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "assigned_to")


class PhotoInline(ReadOnlyInline):
    model = RequestPhoto
    fields = ["preview"]
    readonly_fields = ["preview"]

    @admin.display(description="ภาพ")
    def preview(self, obj):
        if not obj.image:
            return "—"
        return format_html('<a href="{0}" target="_blank" rel="noopener"><img src="{0}" alt="ภาพประกอบเรื่อง" '
                           'style="max-height:160px;width:auto"></a>', obj.image.url)  # fmt: skip


class WorkflowForm(forms.ModelForm):
    new_status = forms.ChoiceField(
        label="เปลี่ยนสถานะเป็น", required=False, choices=[("", "— ไม่เปลี่ยน —"), *Status.choices]
    )
    public_reply = forms.CharField(
        label="คำตอบถึงผู้แจ้ง (แสดงในหน้าติดตามเรื่องและส่งอีเมล)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="เมื่อเสร็จสิ้นหรือไม่รับเรื่อง ต้องเขียนคำตอบหรือเหตุผลให้ผู้แจ้ง ห้ามใส่ข้อมูลส่วนบุคคลของผู้อื่น",
    )
    internal_note = forms.CharField(
        label="บันทึกภายใน (เฉพาะเจ้าหน้าที่)", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta:
        model = ServiceRequest
        fields = ["unit", "assigned_to", "due_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assigned_to" in self.fields:
            self.fields["assigned_to"].queryset = get_user_model().objects.filter(is_staff=True, is_active=True)

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("new_status")
        if status in (Status.DONE, Status.REFUSED) and not (cleaned.get("public_reply") or "").strip():
            message = "กรุณาเขียนเหตุผลที่ไม่รับเรื่องให้ผู้แจ้ง" if status == Status.REFUSED else "กรุณาเขียนคำตอบถึงผู้แจ้งก่อนปิดเรื่อง"
            self.add_error("public_reply", forms.ValidationError(message, code="reply_required"))
        return cleaned


def export_csv(modeladmin, request, queryset):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="requests.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 Thai only with the byte-order mark
    writer = csv.writer(response)
    writer.writerow(["รหัสติดตาม", "ประเภท", "เรื่อง", "สถานะ", "หน่วยงาน", "รับเรื่องเมื่อ", "ปิดเรื่องเมื่อ"])
    for row in queryset.select_related("kind", "unit"):
        writer.writerow(
            csv_safe.row(
                [
                    row.code_display,
                    row.kind.name,
                    row.subject,
                    row.get_status_display(),
                    row.unit.name if row.unit_id else "",
                    timezone.localtime(row.created_at).strftime("%Y-%m-%d %H:%M"),
                    timezone.localtime(row.finished_at).strftime("%Y-%m-%d %H:%M") if row.finished_at else "",
                ]
            )
        )
    modeladmin.after_export(request, queryset)
    return response


export_csv.short_description = "ส่งออกเรื่องที่เลือกเป็น CSV"


@admin.register(ServiceRequest)
class ServiceRequestAdmin(AuditedAdmin):
    form = WorkflowForm
    list_display = ["code", "subject", "kind", "unit", "status", "assigned_to", "due_column", "created_at"]
    list_display_links = ["code", "subject"]
    list_filter = [InboxFilter, "status", "kind__category", "kind", "unit"]
    search_fields = ["tracking_code", "subject", "details", "name"]
    list_per_page = 50
    actions = [export_csv]
    inlines = [PhotoInline, EventInline]
    readonly_fields = [
        "code", "kind", "status", "created_at", "subject", "details_text", "answers_text", "location_text",
        "reporter", "consent", "finished_at",
    ]  # fmt: skip
    fieldsets = [
        (
            "เรื่อง",
            {
                "fields": [
                    "code",
                    "kind",
                    "status",
                    "created_at",
                    "subject",
                    "details_text",
                    "answers_text",
                    "location_text",
                ]
            },
        ),  # fmt: skip
        ("ผู้แจ้ง", {"fields": ["reporter", "consent"]}),
        (
            "การดำเนินการ",
            {
                "fields": [
                    "unit",
                    "assigned_to",
                    "due_date",
                    "new_status",
                    "public_reply",
                    "internal_note",
                    "finished_at",
                ]
            },
        ),  # fmt: skip
    ]

    def get_queryset(self, request):
        return ServiceRequest.objects.select_related("kind", "unit", "assigned_to").overdue_first()

    def has_add_permission(self, request):
        return False  # residents send requests through the public forms

    def has_delete_permission(self, request, obj=None):
        return False

    def after_export(self, request, queryset):
        pass

    @admin.display(description="รหัสติดตาม", ordering="tracking_code")
    def code(self, obj):
        return obj.code_display

    @admin.display(description="กำหนดเสร็จ", ordering="due_date")
    def due_column(self, obj):
        if obj.due_date is None:
            return "—"
        text = f"{obj.due_date.day:02d}/{obj.due_date.month:02d}/{obj.due_date.year + 543}"
        return format_html('<strong style="color:#b00020">{} (เกินกำหนด)</strong>', text) if obj.is_overdue else text

    @admin.display(description="รายละเอียด")
    def details_text(self, obj):
        return format_html('<div style="white-space:pre-wrap;max-width:48em">{}</div>', obj.details)

    @admin.display(description="คำตอบในแบบฟอร์ม")
    def answers_text(self, obj):
        answers = [a for a in obj.answers if isinstance(a, dict)] if isinstance(obj.answers, list) else []
        if not answers:
            return "—"
        return format_html_join("", "<div><strong>{}</strong>: {}</div>",
                                ((a.get("label", ""), a.get("value", "")) for a in answers))  # fmt: skip

    @admin.display(description="ตำแหน่ง")
    def location_text(self, obj):
        if obj.latitude is None:
            return "—"
        return format_html('{}, {} (<a href="https://www.openstreetmap.org/?mlat={}&amp;mlon={}#map=18/{}/{}" '
                           'target="_blank" rel="noopener">เปิดแผนที่</a>)', obj.latitude, obj.longitude,
                           obj.latitude, obj.longitude, obj.latitude, obj.longitude)  # fmt: skip

    @admin.display(description="ผู้แจ้ง")
    def reporter(self, obj):
        if obj.is_anonymous:
            return "ไม่ประสงค์ออกนาม (ไม่มีการเก็บชื่อ ที่อยู่ IP หรือบัญชีผู้ใช้)"
        parts = [obj.name, obj.phone, obj.email, obj.address]
        return format_html_join(mark_safe("<br>"), "{}", ((part,) for part in parts if part)) or "—"

    @admin.display(description="ความยินยอม")
    def consent(self, obj):
        when = timezone.localtime(obj.consented_at)
        return f"ยินยอมตามประกาศความเป็นส่วนตัวฉบับ {obj.consent_version} เมื่อ {when:%d/%m}/{when.year + 543} {when:%H:%M} น."

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        old = ServiceRequest.all_requests.only("assigned_to", "unit", "due_date").get(pk=obj.pk)
        if obj.due_date != old.due_date:
            ServiceRequest.all_requests.filter(pk=obj.pk).update(due_date=obj.due_date)
        services.request_update(
            request=obj,
            actor=request.user,
            status=data.get("new_status") or "",
            public_reply=(data.get("public_reply") or "").strip(),
            internal_note=(data.get("internal_note") or "").strip(),
            assigned_to=obj.assigned_to if obj.assigned_to_id != old.assigned_to_id else None,
            unit=obj.unit if obj.unit_id != old.unit_id else None,
        )


@admin.register(SealedReport)
class SealedReportAdmin(ServiceRequestAdmin):
    """Only members of ผู้รับเรื่องทุจริต see this list at all; every opening and export is logged."""

    list_filter = ["status", "kind"]
    search_fields = ["tracking_code", "subject"]

    def get_queryset(self, request):
        return SealedReport.objects.sealed().select_related("kind", "unit", "assigned_to").overdue_first()

    def has_module_permission(self, request):
        return can_open_sealed(request.user)

    def has_view_permission(self, request, obj=None):
        return can_open_sealed(request.user)

    def has_change_permission(self, request, obj=None):
        return can_open_sealed(request.user)

    def _log(self, request, report_ids, action):
        SealedAccessLog.objects.bulk_create(SealedAccessLog(report_id=pk, user=request.user, action=action)
                                            for pk in report_ids)  # fmt: skip

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if can_open_sealed(request.user):
            report = self.get_object(request, object_id)
            if report is not None:
                self._log(request, [report.pk], "เปิดอ่าน" if request.method == "GET" else "บันทึกการดำเนินการ")
        return super().change_view(request, object_id, form_url, extra_context)

    def after_export(self, request, queryset):
        self._log(request, list(queryset.values_list("pk", flat=True)), "ส่งออก CSV")

    # Django's own admin log would put the report into everyone's "recent actions": our log replaces it.
    def log_addition(self, *args, **kwargs):
        return None

    def log_change(self, *args, **kwargs):
        return None

    def log_deletion(self, *args, **kwargs):
        return None


@admin.register(SealedAccessLog)
class SealedAccessLogAdmin(admin.ModelAdmin):
    """Read by superusers (audit) and the group; names the report by number only."""

    list_display = ["at", "user", "report_number", "action"]
    list_select_related = ["user"]
    list_filter = ["action"]

    @admin.display(description="เรื่องที่")
    def report_number(self, obj):
        return obj.report_id

    def has_module_permission(self, request):
        return request.user.is_active and (request.user.is_superuser or can_open_sealed(request.user))

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(AuditedAdmin):
    list_display = ["text", "scope", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["scope", "is_active"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ["created_at", "scope", "fiscal_year", "comment"]
    list_filter = ["scope", "fiscal_year"]
    fields = ["scope", "fiscal_year", "comment", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PublishedQuestion)
class PublishedQuestionAdmin(AuditedAdmin):
    list_display = ["__str__", "is_published", "published_at"]
    list_filter = ["is_published"]
    search_fields = ["question", "answer"]
    fields = ["question", "answer", "is_published", "published_at"]
    view_on_site = True

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            messages.info(request, "ตรวจให้แน่ใจว่าไม่มีชื่อหรือข้อมูลที่ระบุตัวผู้ถามก่อนเผยแพร่")
