from django.urls import path

from documents import feeds, views

app_name = "documents"

urlpatterns = [
    path("documents/", views.document_list, name="index"),
    path("documents/rss/", feeds.LatestDocumentsFeed(), name="feed"),
    path("documents/type/<slug:slug>/", views.document_list, name="type"),
    path("documents/<int:pk>/", views.document_detail, name="detail"),
    path("documents/file/<int:pk>/", views.file_download, name="file"),
    path("documents/file/<int:pk>/preview.png", views.file_preview, name="file_preview"),
    path("ita/", views.ita_index, name="ita_index"),
    path("ita/<int:year>/", views.ita_year, name="ita_year"),
]
