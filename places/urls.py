from django.urls import path

from pages.views import section_preparing

app_name = "places"

urlpatterns = [
    path("", section_preparing, {"title": "แผนที่ตำบล"}, name="map"),
]
