from django import forms

from places.models import LATITUDE_RANGE_MESSAGE, LONGITUDE_RANGE_MESSAGE, Place


def coordinate_messages(range_message):
    # Django's Thai translation leaves the decimal-format messages in English; a clerk needs them in Thai.
    return {
        "invalid": "กรุณากรอกพิกัดเป็นตัวเลขทศนิยม เช่น 16.912345 (ใช้จุด ไม่ใช่จุลภาค)",
        "max_decimal_places": "กรุณากรอกทศนิยมไม่เกิน 6 ตำแหน่ง เช่น 16.912345",
        "max_digits": range_message,
        "max_whole_digits": range_message,
    }


class PlaceAdminForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = [
            "name", "kind", "village_number", "description", "latitude", "longitude", "photo", "photo_alt",
            "status", "order",
        ]  # fmt: skip
        error_messages = {
            "latitude": coordinate_messages(LATITUDE_RANGE_MESSAGE),
            "longitude": coordinate_messages(LONGITUDE_RANGE_MESSAGE),
            "village_number": {"invalid": "หมู่ที่ต้องเป็นตัวเลข เช่น 4"},
        }
