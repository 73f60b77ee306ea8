"""A picture in a body gets its size and a srcset of its renditions when the body is saved, not when shown."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from core.images import rendition_name
from pages.models import Page

pytestmark = pytest.mark.django_db


# Not under CKEditor's uploads/ folder: its image browser must stay empty for the other tests.
def uploaded_jpeg(name="bodies/2569/ภาพกิจกรรม.jpg", size=(1200, 800)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#3a7").save(buffer, "JPEG")
    return default_storage.save(name, ContentFile(buffer.getvalue()))


def save_page(body):
    return Page.objects.create(title="ภาพกิจกรรม", slug="photos", body=body, status=Page.Status.PUBLISHED)


def test_an_uploaded_picture_gets_its_size_and_a_srcset_of_renditions(django_capture_on_commit_callbacks):
    name = uploaded_jpeg()
    src = default_storage.url(name)
    with django_capture_on_commit_callbacks(execute=True):
        page = save_page(f'<p><img src="{src}" alt="ชาวบ้านปลูกต้นไม้"></p>')
    body = Page.objects.get(pk=page.pk).body
    assert 'width="1200" height="800"' in body
    for width in (400, 800, 1200):
        url = default_storage.url(rendition_name(name, width, "jpg"))
        assert f"{url} {width}w" in body
        assert default_storage.exists(rendition_name(name, width, "jpg")), "made when the save committed"
    assert 'sizes="(min-width: 56rem) 52rem, 100vw"' in body


def test_saving_the_body_again_changes_nothing(django_capture_on_commit_callbacks):
    src = default_storage.url(uploaded_jpeg())
    with django_capture_on_commit_callbacks(execute=True):
        page = save_page(f'<p><img src="{src}" alt="ภาพ"></p>')
        first = Page.objects.get(pk=page.pk).body
        page.save()
    assert Page.objects.get(pk=page.pk).body == first


def test_a_srcset_typed_by_hand_is_replaced_by_the_renditions(django_capture_on_commit_callbacks):
    name = uploaded_jpeg(size=(500, 300))
    src = default_storage.url(name)
    with django_capture_on_commit_callbacks(execute=True):
        page = save_page(f'<img src="{src}" alt="ภาพ" srcset="https://evil.example/x.jpg 2x">')
    body = Page.objects.get(pk=page.pk).body
    assert "evil.example" not in body
    assert f"{default_storage.url(rendition_name(name, 500, 'jpg'))} 500w" in body


def test_a_missing_file_keeps_the_picture_without_a_srcset():
    page = save_page('<p><img src="/media/uploads/gone.jpg" alt="ภาพที่หายไป"></p>')
    body = Page.objects.get(pk=page.pk).body
    assert 'src="/media/uploads/gone.jpg"' in body
    assert "srcset" not in body
