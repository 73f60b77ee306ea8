import uuid

from django import forms
from django.core.exceptions import ValidationError

from core.images import missing_alt_text, validate_image_file
from forum.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Board, is_blank


def _too_long(limit):
    return f"ยาวเกิน {limit:,} ตัวอักษร (ตอนนี้ %(show_value)s ตัวอักษร) กรุณาตัดให้สั้นลง หรือแบ่งเป็นหลายข้อความ"


TOKEN_INVALID = "แบบฟอร์มนี้ส่งมาไม่ครบหรือถูกแก้ไข ข้อความที่พิมพ์ไว้ยังอยู่ด้านล่าง กรุณาตรวจแล้วกดส่งอีกครั้ง"


class PostForm(forms.Form):
    """A plain-text post: no editor, no HTML; the text is stored as typed and shown escaped."""

    body = forms.CharField(
        label="ข้อความ",
        max_length=BODY_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "data-maxlength": BODY_MAX_LENGTH}),
        help_text=f"พิมพ์ข้อความธรรมดา ไม่เกิน {BODY_MAX_LENGTH:,} ตัวอักษร ขึ้นบรรทัดใหม่ได้ ลิงก์เว็บ (https://…) จะกดได้เอง",
        error_messages={"required": "กรุณาพิมพ์ข้อความ", "max_length": _too_long(BODY_MAX_LENGTH)},
    )
    image = forms.ImageField(
        label="ภาพประกอบ (ไม่บังคับ)",
        required=False,
        help_text="ภาพ JPEG, PNG, GIF หรือ WebP 1 ภาพ ไม่เกิน 20 MB",
        error_messages={"invalid_image": "ไฟล์นี้ไม่ใช่ภาพ หรือภาพเสียหาย กรุณาเลือกไฟล์ภาพ JPEG, PNG, GIF หรือ WebP"},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    image_alt = forms.CharField(
        label="คำอธิบายภาพ",
        max_length=200,
        required=False,
        help_text="จำเป็นเมื่อแนบภาพ: บอกสั้น ๆ ว่าในภาพมีอะไร สำหรับผู้พิการทางสายตา",
        error_messages={"max_length": _too_long(200)},
    )
    # A fresh token per form shown; sending the same form twice (a double click) makes one post.
    token = forms.UUIDField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={"invalid": TOKEN_INVALID},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4())

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip("\n\r\t ")
        if is_blank(body):
            raise ValidationError("กรุณาพิมพ์ข้อความ ข้อความว่างหรือมีแต่ช่องว่างส่งไม่ได้", code="body_blank")
        return body

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "seek"):
            validate_image_file(image)
        return image

    def clean(self):
        cleaned = super().clean()
        if self.has_error("token"):
            # The form comes back with what was typed; give it a sound token so sending it again works.
            self.data = self.data.copy()
            self.data[self.add_prefix("token")] = str(uuid.uuid4())
        if error := missing_alt_text(cleaned.get("image"), cleaned.get("image_alt")):
            self.add_error("image_alt", error)
        return cleaned


class TopicForm(PostForm):
    title = forms.CharField(
        label="หัวข้อกระทู้",
        max_length=TITLE_MAX_LENGTH,
        help_text=f"สั้นและบอกเรื่องได้ชัด ไม่เกิน {TITLE_MAX_LENGTH} ตัวอักษร",
        error_messages={"required": "กรุณาพิมพ์หัวข้อกระทู้", "max_length": _too_long(TITLE_MAX_LENGTH)},
    )
    field_order = ["title", "body", "image", "image_alt", "token"]

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if is_blank(title):
            raise ValidationError("กรุณาพิมพ์หัวข้อกระทู้ หัวข้อว่างหรือมีแต่ช่องว่างไม่ได้", code="title_blank")
        return title


class PostEditForm(PostForm):
    remove_image = forms.BooleanField(label="ลบภาพเดิม", required=False)
    field_order = ["body", "image", "image_alt", "remove_image"]

    def __init__(self, *args, post=None, **kwargs):
        self.post = post
        super().__init__(*args, **kwargs)
        del self.fields["token"]

    def clean(self):
        cleaned = forms.Form.clean(self)
        keeps_image = self.post is not None and self.post.image and not cleaned.get("remove_image")
        if error := missing_alt_text(cleaned.get("image") or keeps_image, cleaned.get("image_alt")):
            self.add_error("image_alt", error)
        return cleaned


class HideForm(forms.Form):
    reason = forms.CharField(
        label="เหตุผลที่ซ่อน",
        max_length=300,
        help_text="ผู้อ่านทั่วไปจะไม่เห็นเหตุผลนี้ เห็นเฉพาะผู้ดูแล",
        error_messages={"required": "กรุณาบอกเหตุผลที่ซ่อนข้อความ", "max_length": _too_long(300)},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"]
        if is_blank(reason):
            raise ValidationError("กรุณาบอกเหตุผลที่ซ่อนข้อความ", code="hidden_reason_required")
        return reason.strip()


class MoveForm(forms.Form):
    board = forms.ModelChoiceField(
        label="ย้ายไปห้อง",
        queryset=Board.objects.all(),
        empty_label=None,
        error_messages={"invalid_choice": "ไม่พบห้องที่เลือก กรุณาเลือกใหม่"},
    )
