from django.urls import path

from staff import views

app_name = "staff"

urlpatterns = [
    path("", views.chart, name="chart"),
    path("executives/", views.executives, name="executives"),
    path("council/", views.council, name="council"),
    path("directory/", views.directory, name="directory"),
    path("units/<slug:slug>/", views.unit_detail, name="unit_detail"),
    path("contact/", views.contact, name="contact"),
]
