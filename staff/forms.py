from django import forms


class DirectoryFilterForm(forms.Form):
    """The directory's filter: a plain GET form, so it works without JavaScript and every result has a link."""

    q = forms.CharField(
        label="ค้นหาชื่อหรือตำแหน่ง",
        required=False,
        max_length=100,
        error_messages={"max_length": "คำค้นยาวเกินไป กรุณาพิมพ์ไม่เกิน 100 ตัวอักษร"},
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "เช่น สมชาย หรือ นักวิชาการ"}),
    )
    unit = forms.ChoiceField(
        label="หน่วยงาน",
        required=False,
        error_messages={"invalid_choice": "ไม่พบหน่วยงานที่เลือก กรุณาเลือกจากรายการ"},
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "ทุกหน่วยงาน"), *((unit.slug, unit.name) for unit in units)]

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())
