"""The public pages of the content app run the same number of SQL queries whatever the amount of content:
lists and the home page with 5 and with 50 announcements, a detail page with 1 and with 20 gallery images
and attachments, a standing page beside 5 and 50 announcements."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pages.models import Announcement, Page
from tests.pages_tests.builders import Status, announcement, attachment, category, gallery_image

pytestmark = pytest.mark.django_db

SHELL = 2  # site profile and main menu, for base.html on every page

# The pinned counts: the shell plus the page's own queries.
LIST_PAGES = {
    "/news/": SHELL + 2,  # count for the paginator, the page of announcements with their category
    "/news/activities/": SHELL + 3,  # the category, the count, the page of announcements
    "/": SHELL + 6,  # the home categories, their latest items in one window query, the executives' greeting,
    # the latest procurement notices, the banners and the quick links
    "/pages/vision-mission/": SHELL + 1,  # the page (with who last edited it)
}
DETAIL_PAGE = SHELL + 5  # the announcement with its category, its gallery, its attachments, older and newer


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def grow_announcements_to(total):
    """Announcements across a photo category and a list category, some pinned, some hidden, all with covers."""
    activities = category("activities", "กิจกรรมขององค์กร", home_section="photos")
    news = category("news", "ข่าวสารอื่น ๆ", home_section="list")
    Page.objects.get_or_create(slug="vision-mission", defaults={"title": "วิสัยทัศน์ / พันธกิจ",
                                                                "status": Page.Status.PUBLISHED})  # fmt: skip
    while Announcement.objects.published().count() < total:
        index = Announcement.objects.count() + 1
        announcement(
            activities if index % 3 else news, f"เรื่องที่ {index}", days_ago=index, cover=True, is_pinned=index % 10 == 0
        )
        if index % 7 == 0:  # drafts and scheduled items that the public never sees, and never pays for
            announcement(activities, f"ร่างที่ {index}", status=Status.DRAFT)
            announcement(activities, f"ตั้งเวลาที่ {index}", days_ago=-index)


def count_queries(url):
    client = Client()
    client.get(url)  # make the image renditions and warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.mark.parametrize("url", LIST_PAGES)
def test_lists_home_and_pages_run_the_same_queries_with_5_and_with_50_announcements(url):
    grow_announcements_to(5)
    small, small_response = count_queries(url)
    grow_announcements_to(50)
    large, large_response = count_queries(url)
    assert small == large == LIST_PAGES[url], (small, large)
    if url == "/news/activities/":
        assert small_response.content.decode().count('class="news-card') < large_response.content.decode().count(
            'class="news-card'
        )


def detail_with(gallery_size):
    cat = category()
    older = announcement(cat, "เรื่องเก่ากว่า", days_ago=10)
    item = announcement(cat, "เรื่องที่มีภาพมาก", days_ago=5, cover=True)
    newer = announcement(cat, "เรื่องใหม่กว่า", days_ago=1)
    for order in range(1, gallery_size + 1):
        gallery_image(item, order=order, caption=f"ภาพที่ {order}")
        attachment(item, name=f"report-{order}.pdf", title=f"เอกสาร {order}")
    return older, item, newer


@pytest.mark.parametrize("size", [1, 20])
def test_a_detail_page_runs_the_same_queries_with_1_and_with_20_images_and_attachments(size):
    _, item, _ = detail_with(size)
    queries, response = count_queries(item.get_absolute_url())
    assert queries == DETAIL_PAGE
    html = response.content.decode()
    assert html.count('class="gallery__link"') == size
    assert html.count('class="attachment__link"') == size
    assert "เรื่องเก่ากว่า" in html and "เรื่องใหม่กว่า" in html
