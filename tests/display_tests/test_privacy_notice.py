"""A form that collects personal data shows its own notice and records the notice's version with the consent."""

from django import forms
from django.template.loader import render_to_string

from core.privacy import PrivacyConsentFormMixin, PrivacyNotice

NOTICE = PrivacyNotice(
    key="question-form", version="2569-1", purpose="ตอบคำถามของท่าน", data="ชื่อ เบอร์โทรศัพท์",
    retention="2 ปี", recipients="เจ้าหน้าที่ที่รับผิดชอบ",
)  # fmt: skip


class QuestionForm(PrivacyConsentFormMixin, forms.Form):
    privacy_notice = NOTICE
    name = forms.CharField()


class Submission:
    privacy_notice_version = ""
    consent_given_at = None


def test_without_consent_the_form_is_refused_with_a_thai_message():
    form = QuestionForm({"name": "สมชาย"})
    assert not form.is_valid()
    assert form.errors["privacy_consent"] == ["กรุณาอ่านประกาศความเป็นส่วนตัวแล้วทำเครื่องหมายในช่องนี้ก่อนส่ง"]


def test_the_consent_records_the_version_of_the_notice_read():
    form = QuestionForm({"name": "สมชาย", "privacy_consent": "on"})
    assert form.is_valid()
    submission = form.record_consent(Submission())
    assert submission.privacy_notice_version == "question-form@2569-1"
    assert submission.consent_given_at is not None


def test_the_notice_says_what_why_who_how_long_and_links_the_policy():
    html = render_to_string("includes/privacy_notice.html", {"notice": NOTICE})
    for text in ("ชื่อ เบอร์โทรศัพท์", "ตอบคำถามของท่าน", "เจ้าหน้าที่ที่รับผิดชอบ", "2 ปี", "/pages/privacy-policy/", "2569-1"):
        assert text in html
