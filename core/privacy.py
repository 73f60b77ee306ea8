"""Privacy notices for forms that collect personal data (PDPA), and the consent each submission records.

A form that asks for a name, a phone number or an address shows its own notice (what is collected, why, how
long it is kept, who sees it) and records, with what was sent, the version of the notice the person read.
Declare the notice next to the form; raise its version whenever its text changes:

    QUESTION_NOTICE = PrivacyNotice(
        key="question-form", version="2569-1", purpose="ตอบคำถามของท่าน", data="ชื่อ เบอร์โทรศัพท์ อีเมล",
        retention="2 ปี", recipients="เจ้าหน้าที่ที่รับผิดชอบเรื่อง",
    )

    class QuestionForm(PrivacyConsentFormMixin, forms.ModelForm):
        privacy_notice = QUESTION_NOTICE

    class Question(ConsentRecord, TimestampedModel): ...   # form.record_consent(instance) before save

and in the template: {% include "includes/privacy_notice.html" with notice=form.privacy_notice %}.
"""

from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils import timezone

PRIVACY_POLICY_URL = "/pages/privacy-policy/"


@dataclass(frozen=True)
class PrivacyNotice:
    key: str
    version: str
    purpose: str
    data: str
    retention: str
    recipients: str
    policy_url: str = PRIVACY_POLICY_URL

    @property
    def label(self):
        return f"{self.key}@{self.version}"


class ConsentRecord(models.Model):
    """What a submission keeps about the notice its sender accepted."""

    privacy_notice_version = models.CharField(
        "ฉบับของประกาศความเป็นส่วนตัว", max_length=60, blank=True, editable=False, help_text="ฉบับที่ผู้ส่งอ่านและยอมรับ"
    )
    consent_given_at = models.DateTimeField("ยอมรับเมื่อ", null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class PrivacyConsentFormMixin(forms.Form):
    """Adds the required "I have read the notice" box; record_consent() stamps the notice's version."""

    privacy_notice: PrivacyNotice

    privacy_consent = forms.BooleanField(
        label="ข้าพเจ้าได้อ่านประกาศความเป็นส่วนตัวข้างต้นแล้ว และยินยอมให้ใช้ข้อมูลตามที่แจ้ง",
        error_messages={"required": "กรุณาอ่านประกาศความเป็นส่วนตัวแล้วทำเครื่องหมายในช่องนี้ก่อนส่ง"},
    )

    def record_consent(self, instance):
        instance.privacy_notice_version = self.privacy_notice.label
        instance.consent_given_at = timezone.now()
        return instance
