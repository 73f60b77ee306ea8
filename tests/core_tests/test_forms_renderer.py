"""A select written out in Python (core/forms_renderer.py) is the HTML Django's own templates give."""

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


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"plain": "a&b", "typed": "1", "many": ["1", "2", "None"], "flags": "safe", "yes_no": "true"},
        {"plain": "<script>", "many": ["", "หมู่บ้าน"], "flags": "", "yes_no": "unknown"},
    ],
)
def test_every_select_is_what_django_s_templates_render(data):
    ours, django = EveryKindOfSelect(data, renderer=FormRenderer()), EveryKindOfSelect(data, renderer=DjangoTemplates())
    for name in ours.fields:
        assert str(ours[name]) == str(django[name]), name
    assert str(ours) == str(django)


def test_every_form_of_the_project_uses_it():
    from django.forms.renderers import get_default_renderer

    from staff.forms import DirectoryFilterForm

    assert isinstance(get_default_renderer(), FormRenderer)
    assert isinstance(DirectoryFilterForm(units=[]).renderer, FormRenderer)
