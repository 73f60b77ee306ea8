from django.contrib import admin

from core.admin import AuditedAdmin
from faq.models import FaqTopic, Question


@admin.register(FaqTopic)
class FaqTopicAdmin(AuditedAdmin):
    list_display = ["title", "order"]
    list_editable = ["order"]
    search_fields = ["title"]


@admin.register(Question)
class QuestionAdmin(AuditedAdmin):
    list_display = ["question", "topic", "order", "is_published", "updated_at"]
    list_editable = ["order", "is_published"]
    list_filter = ["topic", "is_published"]
    search_fields = ["question", "answer"]
    fields = ["topic", "question", "answer", "order", "is_published"]
