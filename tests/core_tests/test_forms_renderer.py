"""Selects, inputs and textareas written out in Python (core/forms_renderer.py) are the HTML Django's own templates
give."""

from functools import partial

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.forms_renderer import FormRenderer

CHOICES = [
    ("", "ทุกหน่วยงาน"),
    (1, "กองช่าง"),
    ("a&b", 'ส่วน "การคลัง" <ทดสอบ>'),
    (None, "ไม่ระบุ"),
    ("safe", mark_safe("<b>ตัวหนา</b>")),
    ("lazy", gettext_lazy("Yes")),
    ("หมู่บ้าน", [("1", "หมู่ 1"), ("2", "หมู่ 2 & 3")]),
    (3.5, "ครึ่ง"),
]


class EveryKindOfSelect(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES, required=False)
    typed = forms.TypedChoiceField(choices=CHOICES, coerce=str, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    flags = forms.ChoiceField(
        choices=CHOICES,
        widget=forms.Select(attrs={"class": 'x "y"', "required": True, "disabled": False, "data-n": 3}),
    )
    empty = forms.ChoiceField(choices=[], required=False)
    yes_no = forms.NullBooleanField()


def test_every_form_of_the_project_uses_it():
    from django.forms.renderers import get_default_renderer

    from staff.forms import DirectoryFilterForm

    assert isinstance(get_default_renderer(), FormRenderer)
    assert isinstance(DirectoryFilterForm(units=[]).renderer, FormRenderer)


class EveryKindOfInput(forms.Form):
    text = forms.CharField(
        required=False, max_length=20, widget=forms.TextInput(attrs={"placeholder": 'เช่น "ถนน" <1>'})
    )
    search = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search", "autofocus": True}))
    email = forms.EmailField(required=False)
    number = forms.DecimalField(required=False, max_digits=9, decimal_places=6)
    whole = forms.IntegerField(required=False, initial=0)
    phone = forms.CharField(required=False, widget=forms.TextInput(attrs={"inputmode": "tel", "disabled": False}))
    website = forms.URLField(required=False, assume_scheme="https")
    hidden = forms.CharField(required=False, widget=forms.HiddenInput, initial=mark_safe("<b>safe</b>"))
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    agree = forms.BooleanField(required=False)
    photo = forms.FileField(required=False)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    details = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4, "data-x": mark_safe("a&amp;b")}))
    note = forms.CharField(required=False, widget=forms.Textarea, initial='บรรทัดแรก\nบรรทัด <สอง> & "สาม"')
    tags = forms.MultipleChoiceField(required=False, choices=[("a", "A")], widget=forms.MultipleHiddenInput)
    score = forms.ChoiceField(
        required=False, choices=[(n, f"{n} คะแนน") for n in range(1, 6)], widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(
        required=False, choices=CHOICES, widget=forms.RadioSelect(attrs={"class": "choices <x>", "data-y": True})
    )
    kinds = forms.MultipleChoiceField(required=False, choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    loose = forms.ChoiceField(required=False, choices=[("1", "หนึ่ง")], widget=forms.RadioSelect, label="")


SELECTS_SENT = [
    {"plain": "a&b", "typed": "1", "many": ["1", "2", "None"], "flags": "safe", "yes_no": "true"},
    {"plain": "<script>", "many": ["", "หมู่บ้าน"], "flags": "", "yes_no": "unknown"},
]
INPUTS_SENT = [
    {"text": "<script>alert(1)</script>", "email": "a@b", "number": "16.9124", "whole": "12", "agree": "on",
     "details": "\n& <ข้อความ>", "secret": 'pa"ss', "website": "javascript:alert(1)", "day": "2569-11-23",
     "tags": ["a", "<x>"], "score": "3", "kind": "a&b", "kinds": ["1", "2", "safe"]},
    {"text": "", "number": "ไม่ใช่ตัวเลข", "whole": "1e5", "details": "", "note": "   ", "score": "9", "kinds": ["<x>"]},
]  # fmt: skip


@pytest.mark.parametrize(
    ("form", "data"),
    [(EveryKindOfSelect, data) for data in [None, *SELECTS_SENT]]
    + [(EveryKindOfInput, data) for data in [None, *INPUTS_SENT]]
    + [(partial(EveryKindOfInput, auto_id=False), INPUTS_SENT[0])],  # no ids: labels without "for"
)
def test_every_widget_is_what_django_s_templates_render(form, data):
    ours, django = form(data, renderer=FormRenderer()), form(data, renderer=DjangoTemplates())
    for name in ours.fields:
        assert str(ours[name]) == str(django[name]), name
    assert str(ours) == str(django)


def test_a_widget_with_a_template_of_its_own_is_rendered_by_it():
    class Own(forms.TextInput):
        template_name = "django/forms/widgets/textarea.html"  # any other template than its kind's

    class BareRadios(forms.RadioSelect):  # options without radio_option.html's line break
        option_template_name = "django/forms/widgets/input_option.html"

    class BareOptions(forms.Select):  # options drawn by another template than select_option.html
        option_template_name = "django/forms/widgets/input_option.html"

    class WithOwn(forms.Form):
        field = forms.CharField(widget=Own, initial="x")
        radios = forms.ChoiceField(choices=[("1", "หนึ่ง"), ("2", "สอง")], widget=BareRadios)
        options = forms.ChoiceField(choices=[("1", "หนึ่ง")], widget=BareOptions)

    ours, django = WithOwn(renderer=FormRenderer()), WithOwn(renderer=DjangoTemplates())
    assert str(ours["field"]) == str(django["field"])
    assert str(ours["radios"]) == str(django["radios"]) and "</label>\n</div>" in str(django["radios"])
    assert str(ours["options"]) == str(django["options"]) and "<option" not in str(django["options"])
