"""Pictures in rich text load lazily: every <img> a clerk saves carries loading="lazy" and decoding="async".

A long page body with a dozen photos must not make a phone download all of them before the reader
scrolls. The attributes are set by the sanitiser on save, so they hold whatever the editor produced,
and the sanitiser still removes everything hostile around them.
"""

from html.parser import HTMLParser

import pytest

from core.richtext import sanitize_html
from pages.models import Page
from tests.pages_tests.builders import announcement

LAZY = {"loading": "lazy", "decoding": "async"}


class _ImageCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def images_in(html):
    """The attributes of every <img>, as a browser would read them."""
    collector = _ImageCollector()
    collector.feed(html)
    return collector.images


def test_an_image_from_the_editor_gets_lazy_loading_and_keeps_its_own_attributes():
    body = sanitize_html(
        '<p><img alt="ศาลาประชาคม" src="/media/uploads/2569/01/hall.jpg" width="1600" height="1067"></p>'
    )
    assert images_in(body) == [
        {"src": "/media/uploads/2569/01/hall.jpg", "alt": "ศาลาประชาคม", "width": "1600", "height": "1067", **LAZY}
    ]


def test_every_image_of_a_body_gets_it_inside_figures_tables_and_links():
    body = sanitize_html(
        '<figure><img src="/media/a.jpg" alt="ก"><figcaption>ภาพ ก</figcaption></figure>'
        '<table><tr><td><img src="/media/b.png" alt="ข"></td></tr></table>'
        '<p><a href="/media/c.jpg"><img src="/media/c.jpg" alt="ค"></a></p>'
    )
    images = images_in(body)
    assert len(images) == 3
    assert all(image["loading"] == "lazy" and image["decoding"] == "async" for image in images)


def test_a_clerks_own_loading_values_are_replaced():
    body = sanitize_html('<img src="/media/a.jpg" alt="ก" loading="eager" decoding="sync" fetchpriority="high">')
    assert images_in(body) == [{"src": "/media/a.jpg", "alt": "ก", **LAZY}]


HOSTILE_IMAGES = {
    "an error handler": '<img src="/media/x.jpg" onerror="alert(document.cookie)">',
    "a load handler": '<img src="/media/x.jpg" onload="alert(1)">',
    "an inline style": '<img src="/media/x.jpg" style="position:fixed;inset:0">',
    "a srcset pointing elsewhere": '<img src="/media/x.jpg" srcset="javascript:alert(1) 1x">',
}
# With no source left that the page could show, the whole picture goes (tests/pages_tests/test_remote_images.py).
HOSTILE_SOURCES = {
    "a javascript: source": '<img src="javascript:alert(1)">',
    "a data: SVG source": '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
}


@pytest.mark.parametrize("case", HOSTILE_IMAGES)
def test_hostile_attributes_are_still_removed(case):
    body = sanitize_html(HOSTILE_IMAGES[case])
    (image,) = images_in(body)
    assert set(image) <= {"src", "loading", "decoding"}
    assert image["loading"] == "lazy" and image["decoding"] == "async"
    assert image["src"] == "/media/x.jpg"
    for word in ("alert", "onerror", "onload", "style", "srcset"):
        assert word not in body


@pytest.mark.parametrize("case", HOSTILE_SOURCES)
def test_an_image_with_a_hostile_source_is_removed_whole(case):
    body = sanitize_html(f"<p>ภาพ{HOSTILE_SOURCES[case]}</p>")
    assert body == "<p>ภาพ</p>"


def test_sanitising_a_clean_body_again_changes_nothing():
    # A body saved twice must come out byte for byte the same (no attribute shuffling between saves).
    body = sanitize_html('<p>ภาพ <img src="/media/a.jpg" alt="ก" width="10" height="5"></p><img src="/media/b.jpg">')
    for _ in range(20):
        assert sanitize_html(body) == body


def test_text_without_images_is_left_alone():
    assert sanitize_html("<p>ข่าวประชาสัมพันธ์ <strong>สำคัญ</strong></p>") == "<p>ข่าวประชาสัมพันธ์ <strong>สำคัญ</strong></p>"


@pytest.mark.django_db
def test_a_body_saved_before_the_change_gets_lazy_images_on_its_next_save(client):
    page = Page.objects.create(title="วิสัยทัศน์", slug="vision", status=Page.Status.PUBLISHED)
    # A row written before the sanitiser set these attributes (update() skips the field's pre_save).
    Page.objects.filter(pk=page.pk).update(body='<p><img src="/media/uploads/old.jpg" alt="ภาพเดิม"></p>')
    page.refresh_from_db()
    assert "loading" not in page.body

    page.save()

    page.refresh_from_db()
    assert images_in(page.body) == [{"src": "/media/uploads/old.jpg", "alt": "ภาพเดิม", **LAZY}]
    public_page = client.get("/pages/vision/").content.decode()
    assert {"src": "/media/uploads/old.jpg", "alt": "ภาพเดิม", **LAZY} in images_in(public_page)


@pytest.mark.django_db
def test_an_announcements_body_on_the_public_page_has_lazy_images(client):
    item = announcement(title="ตลาดนัดชุมชน", body='<p><img src="/media/uploads/market.jpg" alt="ตลาดนัด"></p>')
    page = client.get(item.get_absolute_url()).content.decode()
    assert {"src": "/media/uploads/market.jpg", "alt": "ตลาดนัด", **LAZY} in images_in(page)
