from django.contrib.postgres.search import SearchVectorField
from django.db import models

from core.loading import QuicklyLoaded


class SearchEntryQuerySet(models.QuerySet):
    def shown(self):
        """Without what a result never shows: the segmented words and the search vector (each as long as the text
        it indexes), and the bookkeeping."""
        return self.defer("title_words", "text_words", "search_vector", "updated_at")


class SearchEntry(QuicklyLoaded):
    """One searchable item of another app, its text segmented into words when the item is saved.

    Visibility is never copied here: every search re-checks each kind's own ``published()`` queryset.
    """

    kind = models.CharField("ประเภท", max_length=20, db_index=True)
    object_id = models.BigIntegerField("รหัสรายการ")
    title = models.CharField("ชื่อเรื่อง", max_length=300)
    text = models.TextField("ข้อความ", blank=True, help_text="ข้อความล้วน ใช้ตัดตอนแสดงในผลการค้นหา")
    title_words = models.TextField("คำในชื่อเรื่อง", blank=True)
    text_words = models.TextField("คำในข้อความ", blank=True)
    url = models.CharField("ลิงก์", max_length=500)
    date = models.DateTimeField("วันที่", null=True, blank=True)
    # Entries of one group (a topic and its posts) are shown once in the results (core.searchable.Document).
    group = models.CharField("กลุ่ม", max_length=500, blank=True, default="")
    # Filled on PostgreSQL only (simple configuration, title weighted A, text B); GIN-indexed there.
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "ดัชนีค้นหา"
        verbose_name_plural = "ดัชนีค้นหา"
        ordering = ["-date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_item")]

    def __str__(self):
        return f"{self.kind}: {self.title}"

    def get_absolute_url(self):
        return self.url
