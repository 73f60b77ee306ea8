from django import forms

from documents.models import Document, DocumentType

MAX_QUERY_LENGTH = 100


def unit_model():
    """The organisation's unit model, reached through the relation (this app never imports the staff app)."""
    return Document._meta.get_field("issuing_unit").related_model


class DocumentFilterForm(forms.Form):
    """The document centre's filters; every field optional, a wrong value is ignored rather than an error page."""

    q = forms.CharField(label="ค้นหา", required=False, max_length=MAX_QUERY_LENGTH)
    type = forms.ModelChoiceField(
        label="ประเภท",
        queryset=DocumentType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="ทุกประเภท",
    )
    year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int, required=False, empty_value=None)
    unit = forms.ModelChoiceField(label="หน่วยงาน", queryset=None, required=False, empty_label="ทุกหน่วยงาน")

    def __init__(self, *args, years=(), units=None, types=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "ทุกปี")] + [(year, f"ปีงบประมาณ {year}") for year in years]
        self.fields["unit"].queryset = units if units is not None else unit_model().objects.none()
        if types is not None:
            self.fields["type"].queryset = types

    def chosen(self):
        """The valid filters only: a stale link with a filter that no longer exists shows everything else."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
