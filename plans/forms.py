from django import forms

from core.compiled import compiled
from plans.models import Plan, Project

NO_VILLAGE = "none"
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def filter_choices(plan, strategies):
    """The choices of the project filter's fields for ``plan``, as plain values: all that its fields show but
    what the visitor chose, so the plan page's empty form is kept rendered by them (core/memo.py)."""
    # One query gives both the units and the villages that the plan's projects actually use.
    used = compiled(
        ("plans.filter_choices",),
        lambda pk: (
            Project.objects.filter(strategy__plan_id=pk)
            .values_list("village", "unit__slug", "unit__name")
            .order_by()
            .distinct()
        ),
        plan.pk,
    )
    villages, units = set(), {}
    for village, unit_slug, unit_name in used:
        if village:
            villages.add(village)
        if unit_slug:
            units[unit_slug] = unit_name
    return {
        "year": [("", "ทุกปี")] + [(y, f"ปี {y}") for y in plan.years],
        "strategy": [("", "ทุกยุทธศาสตร์")] + [(s.pk, f"{s.number}. {s.title}") for s in strategies],
        "unit": [("", "ทุกหน่วยงาน")] + sorted(units.items(), key=lambda item: item[1]),
        "village": [("", "ทุกหมู่บ้าน")] + [(str(v), f"หมู่ที่ {v}") for v in sorted(villages)] + [(NO_VILLAGE, "ทั้งตำบล")],
    }


class ProjectFilterForm(forms.Form):
    """The filters of a plan's project table; they combine, and live in the URL (a GET form)."""

    year = forms.TypedChoiceField(label="ปีงบประมาณ", required=False, coerce=int, empty_value=None)
    strategy = forms.TypedChoiceField(label="ยุทธศาสตร์", required=False, coerce=int, empty_value=None)
    unit = forms.ChoiceField(label="หน่วยงานรับผิดชอบ", required=False)
    village = forms.ChoiceField(label="หมู่ที่", required=False)
    q = forms.CharField(
        label="ชื่อโครงการมีคำว่า",
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": "เช่น ถนน"}),
    )

    def __init__(self, data=None, *, plan, strategies, choices=None):
        """``choices``: filter_choices(plan, strategies), when worked out already (the plan page's empty form,
        kept rendered by them)."""
        super().__init__(data)
        self.plan = plan
        self.strategy_numbers = {s.pk: s.number for s in strategies}
        for name, field_choices in (choices or filter_choices(plan, strategies)).items():
            self.fields[name].choices = field_choices

    def filters(self):
        """The valid filters only: a wrong value in the URL is dropped (and reported), never a 500."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        return {key: value for key, value in data.items() if value not in (None, "")}

    def apply(self, projects):
        chosen = self.filters()
        if "year" in chosen:
            projects = projects.filter(budget_lines__fiscal_year=chosen["year"])
        if "strategy" in chosen:
            projects = projects.filter(strategy_id=chosen["strategy"])
        if "unit" in chosen:
            projects = projects.filter(unit__slug=chosen["unit"])
        if "village" in chosen:
            if chosen["village"] == NO_VILLAGE:
                projects = projects.filter(village__isnull=True)
            else:
                projects = projects.filter(village=int(chosen["village"]))
        if "q" in chosen:
            for word in chosen["q"].split():
                projects = projects.filter(name__icontains=word)
        return projects

    def describe(self):
        """The active filters in words, for the page heading and the table caption."""
        chosen = self.filters()
        parts = []
        for name in ("year", "strategy", "unit", "village"):
            if name in chosen:
                labels = {str(k): v for k, v in self.fields[name].choices}
                parts.append(labels.get(str(chosen[name]), str(chosen[name])))
        if "q" in chosen:
            parts.append(f"คำค้น “{chosen['q']}”")
        return parts

    def file_name_words(self):
        """The active filters as words for a download's file name, built from validated values only (never q)."""
        chosen = self.filters()
        words = []
        if "year" in chosen:
            words.append(str(chosen["year"]))
        if "strategy" in chosen:
            words.append(f"strategy-{self.strategy_numbers[chosen['strategy']]}")
        if "unit" in chosen:
            words.append(chosen["unit"])
        if "village" in chosen:
            words.append("whole-subdistrict" if chosen["village"] == NO_VILLAGE else f"village-{chosen['village']}")
        if "q" in chosen:
            words.append("search")
        return words


class PlanImportForm(forms.Form):
    plan = forms.ModelChoiceField(
        label="นำเข้าไปยังแผน",
        queryset=Plan.objects.all(),
        help_text="สร้างแผนในระบบจัดการก่อน แล้วจึงนำเข้าโครงการ ข้อมูลของตัวแผน (ชื่อแผน ปีของแผน วันที่อนุมัติ สถานะ "
        "คำอธิบายแผน หมายเหตุ และไฟล์แผนที่ลงนามแล้ว) ไม่อยู่ในไฟล์ CSV ให้กรอกในหน้าแก้ไขแผน",
    )
    file = forms.FileField(
        label="ไฟล์ CSV",
        help_text="ไฟล์ CSV แบบ UTF-8 ที่ส่งออกจากหน้าตารางโครงการ หรือจาก Excel ด้วยคำสั่ง บันทึกเป็น → CSV UTF-8 "
        "หนึ่งบรรทัดคือหนึ่งโครงการ พร้อมยุทธศาสตร์ (เลข ชื่อ และคำอธิบายยุทธศาสตร์) แนวทางการพัฒนา และงบประมาณรายปี "
        "สิ่งที่ไฟล์ไม่มี ต้องเพิ่มในหน้ายุทธศาสตร์ของระบบจัดการ: คำอธิบายของแนวทาง "
        "และยุทธศาสตร์หรือแนวทางที่ยังไม่มีโครงการ",
    )
    replace = forms.BooleanField(
        label="ลบโครงการเดิมของแผนนี้ทั้งหมดก่อนนำเข้า",
        required=False,
        help_text="ถ้าไม่เลือก โครงการที่มีลำดับตรงกันจะถูกปรับปรุง และโครงการใหม่จะถูกเพิ่ม",
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("ไฟล์ใหญ่เกิน 5 MB กรุณาแบ่งไฟล์เป็นหลายส่วนแล้วนำเข้าทีละไฟล์", code="file_too_large")
        return file
