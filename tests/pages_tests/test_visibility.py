"""Draft and scheduled announcements are invisible to the public everywhere, through one published();
clerks who may edit announcements see them as a preview behind a banner."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from pages.models import Announcement
from tests.pages_tests.builders import Status, announcement, category, clerk

pytestmark = pytest.mark.django_db

PUBLIC_TITLE = "ข่าวที่เผยแพร่แล้ว"
DRAFT_TITLE = "ร่างที่ยังไม่เผยแพร่"
SCHEDULED_TITLE = "ข่าวที่ตั้งเวลาไว้ล่วงหน้า"


@pytest.fixture
def items():
    activities = category(home_section="photos")
    return {
        "public": announcement(activities, PUBLIC_TITLE, days_ago=2),
        "draft": announcement(activities, DRAFT_TITLE, days_ago=1, status=Status.DRAFT),
        "scheduled": announcement(activities, SCHEDULED_TITLE, days_ago=-3),
    }


def test_published_means_published_and_its_time_has_come(items):
    assert list(Announcement.objects.published()) == [items["public"]]
    scheduled = items["scheduled"]
    assert scheduled.is_scheduled and not scheduled.is_public
    Announcement.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    assert set(Announcement.objects.published()) == {items["public"], scheduled}


@pytest.mark.parametrize(
    "url", ["/", "/news/", "/news/activities/", "/news/rss/", "/news/activities/rss/", "/sitemap.xml"]
)
def test_the_public_sees_only_published_items_in_lists_feeds_and_sitemap(items, url):
    body = Client().get(url).content.decode()
    assert PUBLIC_TITLE in body or items["public"].get_absolute_url() in body
    for hidden in ("draft", "scheduled"):
        assert items[hidden].title not in body
        assert items[hidden].get_absolute_url() not in body


@pytest.mark.parametrize("hidden", ["draft", "scheduled"])
def test_the_public_gets_404_for_a_hidden_item(items, hidden):
    response = Client().get(items[hidden].get_absolute_url())
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


@pytest.mark.parametrize(
    ("hidden", "banner"),
    [("draft", "เรื่องนี้เป็นฉบับร่าง ยังไม่เผยแพร่"), ("scheduled", "เรื่องนี้ตั้งเวลาเผยแพร่ไว้")],
)
def test_a_clerk_previews_a_hidden_item_behind_a_thai_banner(items, hidden, banner):
    client = Client()
    client.force_login(clerk())
    response = client.get(items[hidden].get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "ตัวอย่างสำหรับเจ้าหน้าที่" in body and banner in body
    assert items[hidden].title in body
    # The preview does not leak into the lists: they show what the public sees.
    assert items[hidden].title not in client.get("/news/activities/").content.decode()


def test_a_published_item_has_no_banner_even_for_a_clerk(items):
    client = Client()
    client.force_login(clerk())
    assert "ตัวอย่างสำหรับเจ้าหน้าที่" not in client.get(items["public"].get_absolute_url()).content.decode()


def test_staff_without_permission_to_edit_announcements_see_what_the_public_sees(items):
    client = Client()
    client.force_login(clerk("plans-clerk", models=()))
    assert client.get(items["draft"].get_absolute_url()).status_code == 404


def test_a_scheduled_item_appears_when_its_time_comes(items):
    scheduled = items["scheduled"]
    assert Client().get(scheduled.get_absolute_url()).status_code == 404
    Announcement.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    assert Client().get(scheduled.get_absolute_url()).status_code == 200
    assert SCHEDULED_TITLE in Client().get("/news/activities/").content.decode()
