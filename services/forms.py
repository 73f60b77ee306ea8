"""The public forms: one form per request kind, built from the kind's declared fields; follow-up,
tracking look-up and the satisfaction survey. Plain text only: what a resident types is stored as
typed and always shown escaped."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.html import escape

from core.buddhist_dates import BuddhistDateField
from core.images import MAX_UPLOAD_BYTES, SafeImageFormField
from services.models import MAX_PHOTOS, KindField, SurveyQuestion
from services.spam import HONEYPOT_FIELD, STARTED_FIELD, started_token

DETAILS_MAX = 5000
TEXT_MAX = 300
PHOTO_TOTAL_MAX_BYTES = 25 * 1024 * 1024  # three photos together; each is also held to core.images' own limit
PHONE_PATTERN = re.compile(r"^[0-9+\-\s()]{6,30}$")
PHOTO_HELP = "ไฟล์ภาพ JPEG, PNG, GIF หรือ WebP ภาพละไม่เกิน 20 MB ระบบจะลบข้อมูลตำแหน่ง (GPS) ในภาพออกให้"


def _too_long(limit):
    return f"ยาวเกิน {limit:,} ตัวอักษร กรุณาตัดให้สั้นลง"


def _text(label, *, required=True, max_length=TEXT_MAX, help_text="", textarea=False):
    widget = forms.Textarea(attrs={"rows": 6}) if textarea else forms.TextInput()
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=widget,
        error_messages={"required": f"กรุณากรอก{label}", "max_length": _too_long(max_length)},
    )


def clean_phone(value):
    value = (value or "").strip()
    if value and not PHONE_PATTERN.match(value):
        raise ValidationError("กรุณากรอกเบอร์โทรศัพท์เป็นตัวเลข เช่น 081 234 5678", code="invalid_phone")
    return value


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.widget.input_type = "tel"

    def clean(self, value):
        return clean_phone(super().clean(value))


def declared_field(field: KindField):
    """The form field for one question a clerk declared."""
    # The shared form template prints help texts unescaped (ours hold markup): a clerk's text is escaped here.
    common = {"label": field.label, "required": field.required, "help_text": escape(field.help_text)}
    required_message = {"required": f"กรุณาตอบ “{field.label}”"}
    match field.field_type:
        case KindField.Type.LONG_TEXT:
            return _text(
                field.label, required=field.required, max_length=2000, help_text=common["help_text"], textarea=True
            )
        case KindField.Type.CHOICE:
            choices = [("", "— เลือก —"), *((choice, choice) for choice in field.choice_list)]
            return forms.ChoiceField(
                choices=choices,
                error_messages={**required_message, "invalid_choice": "กรุณาเลือกจากรายการ"},
                **common,
            )
        case KindField.Type.DATE:
            return BuddhistDateField(error_messages=required_message, **common)
        case KindField.Type.PHONE:
            return PhoneField(error_messages=required_message, **common)
        case KindField.Type.VILLAGE:
            return forms.IntegerField(
                min_value=1,
                max_value=99,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    **required_message,
                    "invalid": "กรุณากรอกหมู่ที่เป็นตัวเลข เช่น 4",
                    "min_value": "หมู่ที่ต้องเป็นตัวเลขตั้งแต่ 1 ขึ้นไป",
                    "max_value": "หมู่ที่ต้องไม่เกิน 99",
                },
                **common,
            )
    return _text(field.label, required=field.required, help_text=common["help_text"])


class AntiSpamMixin:
    """The hidden field and the signed time the form was shown (checked in services.spam)."""

    def add_anti_spam_fields(self):
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label="เว็บไซต์ (เว้นว่างไว้)",
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[STARTED_FIELD] = forms.CharField(required=False, widget=forms.HiddenInput)
        if not self.is_bound:
            self.initial[STARTED_FIELD] = started_token()


class RequestForm(AntiSpamMixin, forms.Form):
    """The public form of one request kind."""

    def __init__(self, *args, kind, notice, declared=None, **kwargs):
        """``declared``: the kind's own questions, when the view has read them already."""
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.notice = notice
        self.fields["subject"] = _text("เรื่อง", max_length=200, help_text="สรุปสั้น ๆ เช่น ไฟทางดับหน้าบ้านเลขที่ 12 หมู่ 4")
        self.fields["details"] = _text(
            "รายละเอียด",
            max_length=DETAILS_MAX,
            textarea=True,
            help_text=f"เล่าสิ่งที่เกิดขึ้น ที่ไหน เมื่อใด ไม่เกิน {DETAILS_MAX:,} ตัวอักษร",
        )
        self.declared = list(kind.fields.all()) if declared is None else declared
        for declared in self.declared:
            self.fields[f"field_{declared.pk}"] = declared_field(declared)
        if kind.ask_location:
            coordinate_errors = {"invalid": "กรุณากรอกพิกัดเป็นตัวเลข เช่น 16.9124"}
            self.fields["latitude"] = forms.DecimalField(
                label="ละติจูด", required=False, max_digits=9, decimal_places=6, error_messages=coordinate_errors,
                validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
                help_text="ไม่บังคับ เปิด Google Maps กดค้างที่ตำแหน่ง แล้วคัดลอกตัวเลขแรกมาใส่",
            )  # fmt: skip
            self.fields["longitude"] = forms.DecimalField(
                label="ลองจิจูด", required=False, max_digits=9, decimal_places=6, error_messages=coordinate_errors,
                validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
                help_text="ตัวเลขที่สองจาก Google Maps",
            )  # fmt: skip
        if kind.ask_photos:
            for number in range(1, MAX_PHOTOS + 1):
                self.fields[f"photo_{number}"] = SafeImageFormField(
                    label=f"ภาพถ่ายที่ {number} (ไม่บังคับ)",
                    required=False,
                    help_text=PHOTO_HELP if number == 1 else "",
                    widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
                )
        if kind.allow_anonymous:
            self.fields["anonymous"] = forms.BooleanField(
                label="ไม่ประสงค์ออกนาม",
                required=False,
                help_text="ระบบจะไม่เก็บชื่อ ที่อยู่ IP หรือบัญชีผู้ใช้ของท่าน ท่านยังติดตามเรื่องได้ด้วยรหัสติดตามเรื่อง",
            )
        self.fields["name"] = _text("ชื่อ–นามสกุล", required=not kind.allow_anonymous, max_length=150)
        self.fields["phone"] = PhoneField(label="โทรศัพท์", required=False, help_text="ไม่บังคับ สำหรับให้เจ้าหน้าที่ติดต่อกลับ")
        self.fields["email"] = forms.EmailField(
            label="อีเมล",
            required=False,
            help_text="ไม่บังคับ ถ้าใส่ ระบบจะส่งใบรับเรื่องและแจ้งความคืบหน้าทางอีเมล",
            error_messages={"invalid": "กรุณากรอกอีเมลให้ถูกต้อง เช่น somchai@example.com"},
        )
        self.fields["address"] = _text("ที่อยู่", required=False, help_text="ไม่บังคับ")
        self.fields["consent"] = forms.BooleanField(
            label="ข้าพเจ้าได้อ่านประกาศความเป็นส่วนตัวข้างต้น และยินยอมให้ อบต. ใช้ข้อมูลนี้เพื่อดำเนินการตามเรื่องที่แจ้ง",
            error_messages={"required": "กรุณาอ่านประกาศความเป็นส่วนตัว แล้วทำเครื่องหมายยินยอมก่อนส่ง"},
        )
        self.add_anti_spam_fields()

    def clean(self):
        cleaned = super().clean()
        anonymous = cleaned.get("anonymous", False)
        if self.kind.allow_anonymous and not anonymous and not (cleaned.get("name") or "").strip():
            self.add_error(
                "name",
                ValidationError("กรุณากรอกชื่อ หรือเลือก “ไม่ประสงค์ออกนาม”", code="name_or_anonymous"),
            )
        photos = self.photos()
        if sum(getattr(photo, "size", 0) or 0 for photo in photos) > PHOTO_TOTAL_MAX_BYTES:
            self.add_error(
                None,
                ValidationError("ภาพถ่ายรวมกันใหญ่เกิน 25 MB กรุณาย่อภาพหรือแนบให้น้อยลง", code="photos_too_large"),
            )
        for photo in photos:
            if (getattr(photo, "size", 0) or 0) > MAX_UPLOAD_BYTES:
                self.add_error(None, ValidationError("ภาพถ่ายใหญ่เกิน 20 MB กรุณาย่อภาพก่อนแนบ", code="photo_too_large"))
        lat, lng = cleaned.get("latitude"), cleaned.get("longitude")
        if (lat is None) != (lng is None):
            self.add_error("longitude", ValidationError("กรุณากรอกทั้งละติจูดและลองจิจูด หรือเว้นว่างทั้งคู่", code="half_location"))
        return cleaned

    def photos(self):
        data = getattr(self, "cleaned_data", {})
        return [data[f"photo_{n}"] for n in range(1, MAX_PHOTOS + 1) if data.get(f"photo_{n}")]

    def declared_answers(self):
        """[{label, type, value}] as stored with the request: the question as it was asked then."""
        answers = []
        for declared in self.declared:
            value = self.cleaned_data.get(f"field_{declared.pk}")
            if value in (None, ""):
                continue
            if hasattr(value, "isoformat"):
                value = f"{value.day:02d}/{value.month:02d}/{value.year + 543}"
            answers.append({"label": declared.label, "type": declared.field_type, "value": str(value)})
        return answers

    def layout(self):
        """Bound fields in groups for the template: the request, where and photos, who."""
        names = lambda *prefixes: [self[name] for name in self.fields if name.startswith(prefixes)]  # noqa: E731
        return {
            "request": [self["subject"], self["details"], *names("field_")],
            "location": names("latitude", "longitude"),
            "photos": names("photo_"),
            "contact": names("anonymous", "name", "phone", "email", "address"),
        }


class FollowUpForm(AntiSpamMixin, forms.Form):
    message = _text("ข้อความเพิ่มเติม", max_length=2000, textarea=True, help_text="เช่น ข้อมูลที่ลืมแจ้ง หรือสถานการณ์ล่าสุด")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_anti_spam_fields()


class TrackForm(forms.Form):
    code = forms.CharField(
        label="รหัสติดตามเรื่อง",
        max_length=40,
        help_text="รหัส 10 ตัวอักษรที่ได้รับหลังส่งเรื่อง เช่น 7K3QX-9M2PD",
        error_messages={"required": "กรุณากรอกรหัสติดตามเรื่อง"},
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}),
    )


SCORE_CHOICES = [(5, "5 มากที่สุด"), (4, "4 มาก"), (3, "3 ปานกลาง"), (2, "2 น้อย"), (1, "1 น้อยที่สุด")]


class SurveyForm(AntiSpamMixin, forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "กรุณาเลือกคะแนนของข้อนี้", "invalid_choice": "กรุณาเลือกคะแนน 1 ถึง 5"},
            )
        self.fields["comment"] = _text("ความคิดเห็นหรือข้อเสนอแนะ", required=False, max_length=2000, textarea=True)
        self.add_anti_spam_fields()

    def scores(self):
        return {question: self.cleaned_data[f"q_{question.pk}"] for question in self.questions}


def survey_questions(scope):
    return SurveyQuestion.objects.filter(is_active=True, scope__in=[SurveyQuestion.Scope.BOTH, scope])
