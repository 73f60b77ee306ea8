from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="index"),
    path("<slug:slug>/", views.plan_detail, name="plan_detail"),
    path("<slug:slug>/projects/", views.project_list, name="project_list"),
    path("<slug:slug>/projects.csv", views.project_csv, name="project_csv"),
    path("<slug:slug>/strategies/<int:pk>/", views.strategy_detail, name="strategy_detail"),
    path("<slug:slug>/projects/<int:pk>/", views.project_detail, name="project_detail"),
]
