"""The clerks' side of the discussion board. Every change that touches counters goes through forum/services.py."""

from django.contrib import admin, messages
from django.utils.text import Truncator

from core.admin import AuditedAdmin, image_preview
from forum import permissions, services
from forum.models import Board, Post, Topic


@admin.register(Board)
class BoardAdmin(AuditedAdmin):
    list_display = ["title", "slug", "order", "is_closed", "topic_count", "post_count", "last_post_at"]
    list_editable = ["order", "is_closed"]
    list_filter = ["is_closed"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["topic_count", "post_count", "last_post_at", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "order", "is_closed"]}),
        ("สถิติ", {"classes": ["collapse"], "fields": ["topic_count", "post_count", "last_post_at"]}),
        ("บันทึกการแก้ไข", {"classes": ["collapse"], "fields": ["updated_at", "updated_by"]}),
    ]
    view_on_site = True

    def has_delete_permission(self, request, obj=None):
        # A board with topics cannot be deleted (the topics would go with it): move or delete them first.
        if obj is not None and obj.topics.exists():
            return False
        return super().has_delete_permission(request, obj)


class PostInline(admin.TabularInline):
    model = Post
    fields = ["excerpt", "author", "created_at", "is_hidden"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "ข้อความในกระทู้ (กดเพื่อซ่อนหรือแสดง)"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="ข้อความ")
    def excerpt(self, post):
        return Truncator(post.body).chars(120)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "board", "author", "is_pinned", "is_locked", "reply_count", "last_post_at"]
    list_filter = ["board", "is_pinned", "is_locked"]
    search_fields = ["title", "posts__body"]
    list_select_related = ["board", "author"]
    readonly_fields = ["author", "post_count", "reply_count", "last_post_at", "last_post_author", "created_at"]
    fieldsets = [
        (None, {"fields": ["title", "board", "is_pinned", "is_locked"]}),
        ("สถิติ", {"fields": ["author", "created_at", "post_count", "reply_count", "last_post_at", "last_post_author"]}),
    ]
    inlines = [PostInline]
    actions = ["pin", "unpin", "lock", "unlock"]
    view_on_site = True
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # topics are started on the site, by members

    def save_model(self, request, obj, form, change):
        new_board = obj.board
        if change and "board" in form.changed_data:
            obj.board = Topic.objects.get(pk=obj.pk).board
            obj.save()
            services.topic_move(topic=obj, moderator=request.user, board=new_board)
            obj.board = new_board
        else:
            super().save_model(request, obj, form, change)

    def get_deleted_objects(self, objs, request):
        # A topic's posts go with it: deleting the topic is the moderator's right, even though posts
        # themselves are never deleted one by one in the admin (they are hidden instead).
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if permissions.can_moderate(request.user):
            perms_needed = set()
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        services.topic_delete(topic=obj, moderator=request.user)

    def delete_queryset(self, request, queryset):
        for topic in queryset:
            services.topic_delete(topic=topic, moderator=request.user)

    def _set_flags(self, request, queryset, message, **flags):
        for topic in queryset:
            services.topic_set_flags(topic=topic, moderator=request.user, **flags)
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description="ปักหมุดกระทู้ที่เลือก", permissions=["change"])
    def pin(self, request, queryset):
        self._set_flags(request, queryset, "ปักหมุดแล้ว", is_pinned=True)

    @admin.action(description="เลิกปักหมุดกระทู้ที่เลือก", permissions=["change"])
    def unpin(self, request, queryset):
        self._set_flags(request, queryset, "เลิกปักหมุดแล้ว", is_pinned=False)

    @admin.action(description="ล็อกกระทู้ที่เลือก (ตอบเพิ่มไม่ได้)", permissions=["change"])
    def lock(self, request, queryset):
        self._set_flags(request, queryset, "ล็อกแล้ว", is_locked=True)

    @admin.action(description="ปลดล็อกกระทู้ที่เลือก", permissions=["change"])
    def unlock(self, request, queryset):
        self._set_flags(request, queryset, "ปลดล็อกแล้ว", is_locked=False)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "created_at", "is_hidden", "hidden_by"]
    list_filter = ["is_hidden", "topic__board"]
    search_fields = ["body", "topic__title", "author__username", "author__first_name", "author__last_name"]
    list_select_related = ["topic", "author", "hidden_by"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "topic", "author", "body", "image_preview", "image_alt", "quoted_post", "created_at", "edited_at",
        "hidden_by", "hidden_at",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["topic", "author", "created_at", "edited_at", "body", "quoted_post"]}),
        ("ภาพประกอบ", {"fields": ["image_preview", "image_alt"]}),
        (
            "การซ่อนข้อความ",
            {
                "fields": ["is_hidden", "hidden_reason", "hidden_by", "hidden_at"],
                "description": "ผู้ดูแลไม่แก้ไขข้อความของสมาชิก หากข้อความไม่เหมาะสม ให้ซ่อนพร้อมบอกเหตุผล "
                "ผู้อ่านทั่วไปจะเห็นเพียงว่า “ข้อความนี้ถูกซ่อนโดยผู้ดูแล”",
            },
        ),
    ]
    view_on_site = True

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # hide instead: a deleted post would leave a hole in the conversation

    @admin.display(description="ภาพ")
    def image_preview(self, post):
        return image_preview(post.image, height=120)

    def save_model(self, request, obj, form, change):
        if "is_hidden" in form.changed_data or (obj.is_hidden and "hidden_reason" in form.changed_data):
            try:
                if obj.is_hidden:
                    services.post_hide(post=obj, moderator=request.user, reason=obj.hidden_reason)
                else:
                    services.post_restore(post=obj, moderator=request.user)
            except services.ForumRefusal as refusal:
                self.message_user(request, refusal.message, messages.ERROR)
            obj.refresh_from_db()
