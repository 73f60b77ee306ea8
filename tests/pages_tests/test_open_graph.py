"""Every public page tells a social network which picture and words to show when its link is shared.

og:image falls back in order: the page's own picture (an announcement's cover) → the organisation's
logo (its emblem, the one image field SiteProfile has for it) → a neutral default drawn for the site.
og:description falls back to the organisation's welcome text when a page has nothing of its own.
Both are absolute URLs/plain text, as Facebook and LINE read them.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from PIL import Image

from core.models import SiteProfile
from pages.models import Page
from tests.pages_tests.builders import announcement, category, png_upload

pytestmark = pytest.mark.django_db

WELCOME = "ยินดีต้อนรับสู่เว็บไซต์องค์การบริหารส่วนตำบลจอมทอง (ข้อมูลตัวอย่าง)"
DEFAULT_IMAGE = "http://testserver/static/img/og-default.png"
DEFAULT_IMAGE_FILE = Path(settings.BASE_DIR) / "static" / "img" / "og-default.png"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class _MetaCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = attrs.get("property") or attrs.get("name")
        if tag == "meta" and key:
            self.meta.setdefault(key, []).append(attrs.get("content"))


def meta_of(html):
    """{property or name: [content, ...]} of every <meta> in the page."""
    collector = _MetaCollector()
    collector.feed(html)
    return collector.meta


def shared(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return meta_of(response.content.decode())


@pytest.fixture
def profile():
    return SiteProfile.objects.create(name="องค์การบริหารส่วนตำบลจอมทอง", short_name="อบต.จอมทอง", welcome_text=WELCOME)


@pytest.fixture
def site(profile):
    """A standing page with a summary, one with nothing to describe it, and a category with one item."""
    Page.objects.create(title="ข้อมูลทั่วไป", slug="general-information", summary="ที่ตั้ง พื้นที่ และประชากร", status="published")
    Page.objects.create(
        title="แผนผังหน่วยงาน", slug="chart", body="<p><img src='/media/a.png' alt='แผนผัง'></p>", status="published"
    )
    announcement(category(), title="ประชุมประชาคม")
    return profile


PAGES_WITHOUT_A_PICTURE_OF_THEIR_OWN = ["/", "/pages/general-information/", "/pages/chart/", "/news/activities/"]


@pytest.mark.parametrize("url", PAGES_WITHOUT_A_PICTURE_OF_THEIR_OWN)
def test_without_a_logo_every_page_shares_the_default_picture(client, site, url):
    meta = shared(client, url)
    assert meta["og:image"] == [DEFAULT_IMAGE]
    assert meta["og:image:width"] == ["1200"] and meta["og:image:height"] == ["630"]


def test_the_default_picture_exists_at_the_size_social_networks_ask_for():
    with Image.open(DEFAULT_IMAGE_FILE) as image:
        assert image.format == "PNG" and image.size == (1200, 630)
    assert DEFAULT_IMAGE_FILE.stat().st_size < 100_000


def test_the_default_picture_is_one_of_the_sites_static_files():
    # collectstatic (and so the production server) finds it where the URL in og:image points.
    assert Path(finders.find("img/og-default.png")) == DEFAULT_IMAGE_FILE


@pytest.fixture
def logo(site):
    site.logo = png_upload("emblem.png", size=(300, 300))
    site.logo_alt = "ตราสัญลักษณ์ พระเจดีย์สีทองสามองค์"
    site.save()
    return site.logo


@pytest.mark.parametrize("url", PAGES_WITHOUT_A_PICTURE_OF_THEIR_OWN)
def test_once_a_clerk_uploads_the_logo_every_page_shares_it_by_its_absolute_url(client, logo, url):
    meta = shared(client, url)
    assert meta["og:image"] == [f"http://testserver{logo.url}"]
    assert logo.url.startswith("/media/profile/")
    assert meta["og:image:width"] == ["300"] and meta["og:image:height"] == ["300"]
    assert meta["og:image:alt"] == ["ตราสัญลักษณ์ พระเจดีย์สีทองสามองค์"]


def test_an_announcement_shares_its_own_cover_before_the_logo(client, logo):
    item = announcement(category(), title="ปลูกต้นไม้ริมแม่น้ำน่าน", cover=True)
    meta = shared(client, item.get_absolute_url())
    (image,) = meta["og:image"]
    assert image.startswith("http://testserver/media/renditions/") and image.endswith(".jpg")
    assert meta["og:image:alt"] == ["ภาพประกอบ ปลูกต้นไม้ริมแม่น้ำน่าน"]


def test_an_announcement_without_a_cover_shares_the_default(client, site):
    item = announcement(category(), title="ประกาศรับสมัครงาน")
    assert shared(client, item.get_absolute_url())["og:image"] == [DEFAULT_IMAGE]


def test_a_view_that_gives_its_own_picture_is_shared_with_it(rf, site):
    # How a view names a page's own picture without a block of its own: an absolute URL in `og_image`.
    html = render_to_string("base.html", {"og_image": "https://example.org/media/cover.jpg"}, request=rf.get("/"))
    assert meta_of(html)["og:image"] == ["https://example.org/media/cover.jpg"]


# --- og:description ---


def test_the_home_page_is_described_by_the_welcome_text(client, site):
    meta = shared(client, "/")
    assert meta["og:description"] == [WELCOME]
    assert meta["description"] == [WELCOME]


def test_a_page_with_a_summary_is_described_by_it(client, site):
    meta = shared(client, "/pages/general-information/")
    assert meta["og:description"] == ["ที่ตั้ง พื้นที่ และประชากร"]
    assert meta["description"] == ["ที่ตั้ง พื้นที่ และประชากร"]


def test_a_pages_own_description_is_escaped_once(client, profile):
    Page.objects.create(title="ถนน", slug="road", summary='ถนน "สายหลัก" & สะพาน <ใหม่>', status="published")
    meta = shared(client, "/pages/road/")
    assert meta["og:description"] == ['ถนน "สายหลัก" & สะพาน <ใหม่>']
    assert meta["description"] == ['ถนน "สายหลัก" & สะพาน <ใหม่>']


def test_a_page_with_no_words_of_its_own_is_described_by_the_welcome_text(client, site):
    # No summary, and a body that is only a picture: the page itself has nothing to say.
    meta = shared(client, "/pages/chart/")
    assert meta["og:description"] == [WELCOME]
    assert meta["description"] == [WELCOME]


def test_the_welcome_text_is_escaped_in_the_fallback(client, profile):
    profile.welcome_text = 'ยินดีต้อนรับ "><script>alert(1)</script>'
    profile.save()
    Page.objects.create(title="ว่าง", slug="empty", status="published")
    response = client.get("/pages/empty/").content.decode()
    assert "<script>alert(1)</script>" not in response
    assert meta_of(response)["og:description"] == ['ยินดีต้อนรับ "><script>alert(1)</script>']


def test_without_a_welcome_text_the_organisations_name_describes_the_site(client, profile):
    profile.welcome_text = ""
    profile.save()
    Page.objects.create(title="ว่าง", slug="empty", status="published")
    assert shared(client, "/pages/empty/")["og:description"] == ["องค์การบริหารส่วนตำบลจอมทอง"]
