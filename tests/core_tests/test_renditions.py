"""Images are resized when they are saved, never while a page is shown.

A page with twenty pictures is rendered without asking storage anything (no exists, size or open):
the renditions' names and sizes come from the row. They exist as soon as the saving transaction
commits; a file lost from storage costs its picture, never the page.
"""

import pytest
from django.test import Client

from core.images import RENDITION_DIR, renditions
from tests.core_tests.storage import CountingStorage
from tests.pages_tests.builders import announcement, gallery_image

pytestmark = pytest.mark.django_db

GALLERY_SIZE = 20


@pytest.fixture
def counting_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "tests.core_tests.storage.CountingStorage",
            "OPTIONS": {"location": settings.MEDIA_ROOT},
        },
    }
    CountingStorage.calls.clear()
    return CountingStorage.calls


@pytest.fixture
def item_with_a_gallery(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = announcement(title="ภาพกิจกรรมวันเด็ก", cover=True)
        for order in range(1, GALLERY_SIZE + 1):
            gallery_image(item, order=order)
    return item


def test_renditions_exist_once_the_save_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item = announcement(title="ปลูกต้นไม้", cover=True)
    copies = renditions(item.cover_image)
    storage = item.cover_image.storage
    assert copies, "the cover has renditions"
    rendition_files = [url.removeprefix("/media/") for c in copies for url in (c.jpeg_url, c.webp_url)]
    assert not any(storage.exists(name) for name in rendition_files), "nothing is made before the commit"
    for callback in callbacks:
        callback()
    assert all(storage.exists(name) for name in rendition_files)
    assert all(name.startswith(f"{RENDITION_DIR}/") for name in rendition_files)


def test_a_rolled_back_save_makes_no_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item = announcement(title="ข่าวที่ยกเลิก", cover=True)
    assert callbacks, "the renditions wait for the commit"
    callbacks.clear()  # the transaction rolled back: Django drops the waiting callbacks
    storage = item.cover_image.storage
    assert not any(storage.exists(c.jpeg_url.removeprefix("/media/")) for c in renditions(item.cover_image))


def test_a_page_with_twenty_pictures_asks_storage_nothing(item_with_a_gallery, counting_storage):
    response = Client().get(item_with_a_gallery.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="gallery__link"') == GALLERY_SIZE
    assert html.count("<picture") == GALLERY_SIZE + 1  # the cover and the gallery
    assert dict(counting_storage) == {}


def test_the_news_list_asks_storage_nothing(item_with_a_gallery, counting_storage):
    for number in range(GALLERY_SIZE):
        announcement(title=f"ข่าวที่ {number}", cover=True)
    CountingStorage.calls.clear()
    response = Client().get("/news/")
    assert response.status_code == 200
    assert response.content.decode().count("<picture") == 12
    assert dict(counting_storage) == {}


def test_a_lost_file_costs_its_picture_not_the_page(item_with_a_gallery):
    storage = item_with_a_gallery.cover_image.storage
    storage.delete(item_with_a_gallery.cover_image.name)
    for copy in renditions(item_with_a_gallery.cover_image):
        storage.delete(copy.jpeg_url.removeprefix("/media/"))
    response = Client().get(item_with_a_gallery.get_absolute_url())
    assert response.status_code == 200
    assert "ภาพกิจกรรมวันเด็ก" in response.content.decode()


# The markup includes/picture.html drew before the tag wrote it out in Python (core/templatetags/site_tags.py).
TEMPLATE_MARKUP = (
    '{% if image %}<picture{% if css_class %} class="{{ css_class }}"{% endif %}><source type="image/webp" '
    'srcset="{{ webp_srcset }}" sizes="{{ sizes }}"><img src="{{ src }}" srcset="{{ jpeg_srcset }}" '
    'sizes="{{ sizes }}" width="{{ width }}" height="{{ height }}" alt="{{ alt }}"{% if not eager %} '
    'loading="lazy"{% endif %} decoding="async"></picture>{% endif %}'
)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"alt": 'ภาพ "วันเด็ก" <script>', "sizes": "(min-width: 62rem) 24rem, 100vw", "css_class": "card__image"},
        {"alt": "หน้าปก", "eager": True, "css_class": 'a" onload="x'},
    ],
)
def test_the_picture_tag_writes_the_markup_its_template_drew(django_capture_on_commit_callbacks, options):
    from django.template import Context, Template

    from core.images import image_size

    with django_capture_on_commit_callbacks(execute=True):
        item = announcement(title="ภาพกิจกรรม", cover=True)
    image = item.cover_image
    copies = renditions(image)
    width, height = image_size(image)
    drawn = Template(TEMPLATE_MARKUP).render(
        Context(
            {
                "image": image,
                "alt": options.get("alt", ""),
                "sizes": options.get("sizes", "100vw"),
                "css_class": options.get("css_class", ""),
                "eager": options.get("eager", False),
                "webp_srcset": ", ".join(f"{c.webp_url} {c.width}w" for c in copies),
                "jpeg_srcset": ", ".join(f"{c.jpeg_url} {c.width}w" for c in copies),
                "src": copies[min(1, len(copies) - 1)].jpeg_url,
                "width": width,
                "height": height,
            }
        )
    )
    arguments = " ".join(f"{name}=options.{name}" for name in options)
    written = Template("{% load site_tags %}{% picture image " + arguments + " %}").render(
        Context({"image": image, "options": options})
    )
    assert written == drawn and "<script>" not in written


def test_no_picture_for_an_image_without_a_file():
    from django.template import Context, Template

    assert Template("{% load site_tags %}[{% picture image %}]").render(Context({"image": None})) == "[]"
