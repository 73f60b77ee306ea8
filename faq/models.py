"""คำถามที่พบบ่อย: questions and answers a clerk writes, grouped by topic."""

from django.db import models

from core.models import PublishableQuerySet, TimestampedModel
from core.reversing import reverse
from core.richtext import SanitizedRichTextField


class FaqTopic(TimestampedModel):
    title = models.CharField("หัวข้อ", max_length=150, help_text="เช่น ภาษีและค่าธรรมเนียม, เบี้ยยังชีพ, ขยะและความสะอาด")
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="เลขน้อยแสดงก่อน")

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "หัวข้อคำถาม"
        verbose_name_plural = "หัวข้อคำถาม"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{reverse('faq:index')}#topic-{self.pk}"


class QuestionQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Question(TimestampedModel):
    topic = models.ForeignKey(FaqTopic, verbose_name="หัวข้อ", on_delete=models.PROTECT, related_name="questions")
    question = models.CharField("คำถาม", max_length=300, help_text="เขียนอย่างที่ประชาชนถาม เช่น ต่ออายุใบอนุญาตได้ที่ไหน")
    answer = SanitizedRichTextField("คำตอบ", help_text="ตอบสั้น ๆ ตรงประเด็น บอกสิ่งที่ต้องเตรียมและที่ที่ต้องไป")
    order = models.PositiveIntegerField("ลำดับ", default=0, help_text="ลำดับในหัวข้อ เลขน้อยแสดงก่อน")
    is_published = models.BooleanField("เผยแพร่", default=True)
    updated_by = models.ForeignKey(
        "auth.User", verbose_name="แก้ไขล่าสุดโดย", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["topic__order", "order", "pk"]
        verbose_name = "คำถามที่พบบ่อย"
        verbose_name_plural = "คำถามที่พบบ่อย"

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return f"{reverse('faq:index')}#q-{self.pk}"
