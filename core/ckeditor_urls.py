"""CKEditor's upload and browse URLs, under django-ckeditor's names, served by our own views."""

from django.urls import re_path

from core import ckeditor_views

urlpatterns = [
    # No "$": CKEditor's paste-and-drop upload appends "&responseType=json" straight onto the path.
    re_path(r"^upload/", ckeditor_views.upload, name="ckeditor_upload"),
    re_path(r"^browse/", ckeditor_views.browse, name="ckeditor_browse"),
]
