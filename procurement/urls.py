from django.urls import path

from procurement import views

app_name = "procurement"

urlpatterns = [
    path("procurement/", views.index, name="index"),
    path("procurement/<int:year>/", views.year_detail, name="year"),
    path("procurement/<int:year>/plan.pdf", views.plan_file, name="plan_file"),
    path("procurement/<int:year>/summary/<int:month>/", views.summary, name="summary"),
    path("procurement/<int:year>/summary/<int:month>/print/", views.summary_print, name="summary_print"),
    path("procurement/<int:year>/summary/<int:month>/csv/", views.summary_csv, name="summary_csv"),
    path("procurement/<int:year>/report/", views.annual, name="annual"),
    path("procurement/<int:year>/report/print/", views.annual_print, name="annual_print"),
    path("procurement/<int:year>/report/csv/", views.annual_csv, name="annual_csv"),
    path("procurement/notice/<int:pk>/", views.notice_detail, name="notice"),
    path("procurement/notice/<int:pk>/<slug:which>/", views.notice_file, name="notice_file"),
    path("budget/", views.ordinance_list, name="ordinances"),
    path("budget/<int:year>/", views.ordinance_detail, name="ordinance"),
    path("budget/<int:year>/ordinance.pdf", views.ordinance_file, name="ordinance_file"),
]
