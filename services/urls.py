from django.urls import path

from services import views

app_name = "services"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/<slug:slug>/", views.submit, name="submit"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("track/", views.track_lookup, name="track_lookup"),
    path("track/<str:code>/", views.track, name="track"),
    path("track/<str:code>/follow-up/", views.follow_up, name="follow_up"),
    path("track/<str:code>/survey/", views.survey_after_request, name="survey_after_request"),
    path("survey/", views.survey, name="survey"),
    path("survey/results/", views.survey_results, name="survey_results"),
    path("statistics/", views.statistics_index, name="statistics_index"),
    path("statistics/<slug:scope>/", views.statistics, name="statistics"),
    path("statistics/<slug:scope>/<int:year>.csv", views.statistics_csv, name="statistics_csv"),
    path("questions/", views.question_list, name="questions"),
    path("questions/<int:pk>/", views.question_detail, name="question"),
]
