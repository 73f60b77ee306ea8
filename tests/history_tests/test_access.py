"""The history and the recycle bin: anonymous → log in, a council member → refused, a clerk → allowed."""

import pytest
from django.contrib.auth.models import Permission, User
from reversion.models import Version

from accounts.roles import clerk_permission_names
from pages.models import Page

pytestmark = pytest.mark.django_db

URLS = ["/admin/history/contentversion/", "/admin/history/deleteditem/"]


def test_the_clerks_role_includes_the_history_and_the_bin():
    assert {"history.view_contentversion", "history.change_contentversion", "history.view_deleteditem",
            "history.change_deleteditem"} <= clerk_permission_names()  # fmt: skip


@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("url", URLS)
def test_staff_without_the_clerks_role_are_refused(client, url):
    client.force_login(User.objects.create_user("intern", password="x-unused-x", is_staff=True))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", URLS)
def test_a_clerk_may_open_them(client, history_clerk, url):
    client.force_login(history_clerk)
    assert client.get(url).status_code == 200


def test_a_clerk_without_the_right_to_change_the_item_may_not_restore_its_version(client):
    page = Page.objects.create(title="วิสัยทัศน์", slug="vision", status=Page.Status.PUBLISHED)

    viewer = User.objects.create_user("viewer", password="x-unused-x", is_staff=True)

    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_contentversion", "change_contentversion"])
    )
    client.force_login(viewer)
    version = Version.objects.get_for_object(page).first()
    assert client.post(f"/admin/history/contentversion/{version.pk}/restore/").status_code == 403
