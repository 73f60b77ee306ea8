"""Date inputs in the Buddhist era for the clerks' admin.

Thai clerks write 27/11/2569. Django's admin shows and reads Gregorian years, so a clerk who types the
year as they always do schedules an item 543 years ahead. These fields show the year in the Buddhist
era and read either era: a year above 2400 is a Buddhist-era year (no clerk means 2400 AD).
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

BE_OFFSET = 543
BE_THRESHOLD = 2400
DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
YEAR_FIRST = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
DATE_MESSAGE = "กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 27/11/2569"


def parse_thai_date(text: str) -> datetime.date:
    """ "27/11/2569", "27/11/2026", "2569-11-27" or with Thai digits → date(2026, 11, 27)."""
    text = text.strip().translate(THAI_DIGITS)
    match = DAY_FIRST.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    elif match := YEAR_FIRST.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValidationError(DATE_MESSAGE, code="invalid")
    # The year is converted before the date is built: 29/02/2567 exists, 29/02 of the year 2567 AD does not.
    if year > BE_THRESHOLD:
        year -= BE_OFFSET
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValidationError(DATE_MESSAGE, code="invalid") from None


def format_thai_date(value) -> str:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year + BE_OFFSET}"
    return value or ""


class BuddhistDateInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"placeholder": "วว/ดด/ปปปป (พ.ศ.)", "size": 12, "inputmode": "numeric", **(attrs or {})})

    def format_value(self, value):
        return format_thai_date(value) or None


class BuddhistDateField(forms.DateField):
    widget = BuddhistDateInput
    default_error_messages = {"invalid": DATE_MESSAGE}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return parse_thai_date(str(value))


class BuddhistSplitDateTimeWidget(forms.SplitDateTimeWidget):
    def __init__(self, attrs=None):
        widgets = (BuddhistDateInput(attrs), forms.TimeInput(attrs={"placeholder": "ชช:นน", "size": 6}, format="%H:%M"))
        forms.MultiWidget.__init__(self, widgets, attrs)


class BuddhistSplitDateTimeField(forms.SplitDateTimeField):
    widget = BuddhistSplitDateTimeWidget
    default_error_messages = {
        "invalid_date": DATE_MESSAGE,
        "invalid_time": "กรุณากรอกเวลาเป็น ชั่วโมง:นาที เช่น 09:30",
        "required": "กรุณากรอกวันที่และเวลา",
        "incomplete": "กรุณากรอกทั้งวันที่และเวลา",
    }

    def __init__(self, **kwargs):
        kwargs.pop("input_date_formats", None)
        kwargs.pop("input_time_formats", None)
        super().__init__(**kwargs)
        self.fields = (
            BuddhistDateField(error_messages={"invalid": DATE_MESSAGE}),
            forms.TimeField(error_messages={"invalid": self.error_messages["invalid_time"]}),
        )
