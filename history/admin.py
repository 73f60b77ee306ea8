"""The clerks' history and recycle bin in the admin: who changed what when, compare two versions,
restore one; bring back a deleted item with its gallery and attachments."""

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html

from core.templatetags.thai_dates import thai_datetime
from history import compare
from history.models import ContentVersion, DeletedItem
from history.tracked import TRACKED
from history.versioning import RestoreRefused, restore_deleted, restore_version


def tracked_content_types():
    return ContentType.objects.get_for_models(*[apps.get_model(label) for label in TRACKED]).values()


def _may(user, model, action):
    return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


class TrackedKindFilter(admin.SimpleListFilter):
    title = "ประเภท"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(ct.pk, ct.model_class()._meta.verbose_name) for ct in tracked_content_types()]

    def queryset(self, request, queryset):
        return queryset.filter(content_type_id=self.value()) if self.value() else queryset


@admin.register(ContentVersion)
class ContentVersionAdmin(admin.ModelAdmin):
    list_display = ["object_repr", "kind", "saved_at", "saved_by", "what", "actions_links"]
    list_display_links = None
    list_filter = [TrackedKindFilter, "revision__date_created"]
    search_fields = ["object_repr", "revision__comment", "revision__user__username", "revision__user__first_name"]
    list_per_page = 50

    def get_queryset(self, request):
        tracked = [ct.pk for ct in tracked_content_types()]
        queryset = super().get_queryset(request).filter(content_type_id__in=tracked)
        return queryset.select_related("revision", "revision__user", "content_type")

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in {"object_id", "content_type__id__exact"} or super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # "change" is the right to restore (restore_view); a version itself is never edited in a form.
        return obj is None and super().has_change_permission(request)

    @admin.display(description="ประเภท")
    def kind(self, obj):
        model = obj._model
        return model._meta.verbose_name if model else "—"

    @admin.display(description="บันทึกเมื่อ", ordering="revision__date_created")
    def saved_at(self, obj):
        return thai_datetime(obj.revision.date_created)

    @admin.display(description="บันทึกโดย")
    def saved_by(self, obj):
        user = obj.revision.user
        return (user.get_full_name() or user.username) if user else "ระบบ"

    @admin.display(description="แก้ไขอะไร")
    def what(self, obj):
        return obj.revision.get_comment() or "—"

    @admin.display(description="")
    def actions_links(self, obj):
        return format_html(
            '<a href="{}">เทียบกับฉบับปัจจุบัน</a> · <a href="{}">ดูประวัติทั้งหมดของรายการนี้</a>',
            reverse("admin:history_contentversion_compare", args=[obj.pk]),
            reverse("admin:history_contentversion_changelist")
            + f"?content_type__id__exact={obj.content_type_id}&object_id={obj.object_id}",
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/compare/", wrap(self.compare_view), name="history_contentversion_compare"),
            path("<int:pk>/restore/", wrap(self.restore_view), name="history_contentversion_restore"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:history_contentversion_compare", int(object_id))

    def _version(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def compare_view(self, request, pk):
        version = self._version(request, pk)
        model = version._model
        history = list(
            self.get_queryset(request).filter(content_type=version.content_type, object_id=version.object_id)
        )
        other_pk = request.GET.get("with")
        other = next((v for v in history if str(v.pk) == other_pk), None)
        live = model._default_manager.filter(pk=version.object_id).first()
        if other is not None:
            older, newer = sorted([version, other], key=lambda v: (v.revision.date_created, v.pk))
            rows = compare.changes(
                model, compare.instance_of(older), compare.instance_of(newer),
                compare.children_summary(older, False), compare.children_summary(newer, False),
            )  # fmt: skip
            right_label = f"ฉบับ {thai_datetime(newer.revision.date_created)}"
            left_label = f"ฉบับ {thai_datetime(older.revision.date_created)}"
        elif live is not None:
            rows = compare.changes(
                model, compare.instance_of(version), compare.live_copy(live),
                compare.children_summary(version, False), compare.children_summary(live, True),
            )  # fmt: skip
            left_label, right_label = f"ฉบับ {thai_datetime(version.revision.date_created)}", "ฉบับปัจจุบัน"
        else:
            rows, left_label, right_label = [], "", ""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"เปรียบเทียบฉบับของ “{version.object_repr}”",
            "version": version,
            "history": history,
            "other": other,
            "rows": rows,
            "live": live,
            "left_label": left_label,
            "right_label": right_label,
            "may_restore": self.has_change_permission(request) and _may(request.user, model, "change"),
        }
        return render(request, "history/compare.html", context)

    def restore_view(self, request, pk):
        version = self._version(request, pk)
        model = version._model
        if not (self.has_change_permission(request) and _may(request.user, model, "change")):
            raise PermissionDenied
        if request.method == "POST":
            try:
                item = restore_version(version=version, user=request.user)
            except RestoreRefused as refusal:
                messages.error(request, refusal.message)
                return redirect("admin:history_contentversion_compare", version.pk)
            messages.success(
                request,
                f"กู้คืน “{item}” เป็นฉบับวันที่ {thai_datetime(version.revision.date_created)} แล้ว "
                "(ฉบับก่อนกู้คืนยังอยู่ในประวัติ กู้กลับได้เสมอ)",
            )
            return redirect(_change_url(item))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "ยืนยันการกู้คืน",
            "question": f"กู้คืน “{version.object_repr}” เป็นฉบับที่บันทึกเมื่อ {thai_datetime(version.revision.date_created)}?",
            "explanation": "เนื้อหาปัจจุบันจะถูกแทนด้วยฉบับนี้ รวมถึงภาพในอัลบั้มและไฟล์แนบ ฉบับปัจจุบันยังเก็บไว้ในประวัติ กู้กลับได้",
            "button": "กู้คืนฉบับนี้",
            "cancel_url": reverse("admin:history_contentversion_compare", args=[version.pk]),
        }
        return render(request, "history/confirm_restore.html", context)


def _change_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


@admin.register(DeletedItem)
class DeletedItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "child_count", "deleted_when", "deleted_by", "purged_on", "restore_link"]
    list_display_links = None
    list_filter = ["content_type", "deleted_at"]
    search_fields = ["title"]
    list_select_related = ["content_type", "deleted_by"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser  # clerks restore; the purge command empties the bin

    def has_change_permission(self, request, obj=None):
        # "change" is the right to restore (restore_view); an entry itself is never edited in a form.
        return obj is None and super().has_change_permission(request)

    @admin.display(description="ประเภท")
    def kind(self, obj):
        return obj.kind_label

    @admin.display(description="ลบเมื่อ", ordering="deleted_at")
    def deleted_when(self, obj):
        return thai_datetime(obj.deleted_at)

    @admin.display(description="ลบถาวรหลังวันที่")
    def purged_on(self, obj):
        return thai_datetime(obj.purge_after)

    @admin.display(description="")
    def restore_link(self, obj):
        return format_html(
            '<a class="button" href="{}">กู้คืน</a>', reverse("admin:history_deleteditem_restore", args=[obj.pk])
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/restore/", wrap(self.restore_view), name="history_deleteditem_restore"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:history_deleteditem_restore", int(object_id))

    def restore_view(self, request, pk):
        entry = get_object_or_404(DeletedItem, pk=pk)
        model = entry.content_type.model_class()
        if not (self.has_change_permission(request) and model and _may(request.user, model, "add")):
            raise PermissionDenied
        if request.method == "POST":
            try:
                item = restore_deleted(entry=entry, user=request.user)
            except RestoreRefused as refusal:
                messages.error(request, refusal.message)
                return redirect("admin:history_deleteditem_changelist")
            messages.success(request, f"กู้คืน “{item}” พร้อมภาพและไฟล์แนบแล้ว")
            return redirect(_change_url(item))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "ยืนยันการกู้คืน",
            "question": f"กู้คืน “{entry.title}” ({entry.kind_label}) ที่ถูกลบเมื่อ {thai_datetime(entry.deleted_at)}?",
            "explanation": f"รายการจะกลับมาที่ลิงก์เดิม พร้อมส่วนประกอบ {entry.child_count} รายการ (ภาพในอัลบั้ม ไฟล์แนบ) "
            "ตรวจสถานะการเผยแพร่อีกครั้งหลังกู้คืน",
            "button": "กู้คืนรายการนี้",
            "cancel_url": reverse("admin:history_deleteditem_changelist"),
        }
        return render(request, "history/confirm_restore.html", context)


def _history_view_of(model_admin):
    """The "ประวัติ" button of a tracked item's admin page opens its versions."""

    def history_view(request, object_id, extra_context=None):
        content_type = ContentType.objects.get_for_model(model_admin.model)
        return redirect(
            reverse("admin:history_contentversion_changelist")
            + f"?content_type__id__exact={content_type.pk}&object_id={object_id}"
        )

    return history_view


def link_history_buttons():
    for label in TRACKED:
        model_admin = admin.site._registry.get(apps.get_model(label))
        if model_admin is not None:
            model_admin.history_view = _history_view_of(model_admin)


link_history_buttons()
