from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("display/", views.display_settings, name="display"),
    path("cookies/", views.cookie_list, name="cookies"),
]
