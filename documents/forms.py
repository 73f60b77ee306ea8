from django import forms

from documents.models import Document, DocumentType

MAX_QUERY_LENGTH = 100


def unit_model():
    """The organisation's unit model, reached through the relation (this app never imports the staff app)."""
    return Document._meta.get_field("issuing_unit").related_model


class ReadRowsIterator(forms.models.ModelChoiceIterator):
    """The choices of a ReadRowsChoiceField: its rows, as read once by the view."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.field.rows:
            yield self.choice(row)

    def __len__(self):
        return len(self.field.rows) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.rows)


class ReadRowsChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices are the rows of the queryset it is shown (with SQL compiled once:
    core/compiled.py), read once, not through a copy of it that Django's field would compile afresh; a value
    sent is still checked against the queryset."""

    iterator = ReadRowsIterator

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.rows = self.rows  # read once, by whoever reads them first
        return copy

    def show(self, queryset):
        """Choices from ``queryset``'s rows: read once, when first drawn (or by the view, which shares them)."""
        self.rows = queryset
        self.queryset = queryset


class DocumentFilterForm(forms.Form):
    """The document centre's filters; every field optional, a wrong value is ignored rather than an error page."""

    q = forms.CharField(label="ค้นหา", required=False, max_length=MAX_QUERY_LENGTH)
    type = ReadRowsChoiceField(
        label="ประเภท",
        queryset=DocumentType.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="ทุกประเภท",
    )
    year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int, required=False, empty_value=None)
    unit = ReadRowsChoiceField(label="หน่วยงาน", queryset=None, required=False, empty_label="ทุกหน่วยงาน")

    def __init__(self, *args, years=(), units=None, types=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "ทุกปี")] + [(year, f"ปีงบประมาณ {year}") for year in years]
        self.fields["unit"].show(units if units is not None else unit_model().objects.none())
        self.fields["type"].show(types if types is not None else DocumentType.objects.all())

    def chosen(self):
        """The valid filters only: a stale link with a filter that no longer exists shows everything else."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
