"""The clerks' statistics page: anonymous → log-in page, a council member → 403, a clerk → the charts."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from accounts.roles import CLERK_GROUP, MEMBER_GROUP
from visitors.models import DailyVisits, PathViews

pytestmark = pytest.mark.django_db


def user_in(group):
    user = User.objects.create_user(f"user-{group}", is_staff=group == CLERK_GROUP)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/visitors/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_council_member_may_not_see_it(client):
    client.force_login(user_in(MEMBER_GROUP))
    assert client.get("/visitors/").status_code == 403


def test_a_clerk_sees_the_days_the_months_and_the_most_read_pages(client):
    day = timezone.localdate()
    DailyVisits.objects.create(date=day, visitors=12, page_views=40)
    PathViews.objects.create(date=day, path="/news/", views=25)
    PathViews.objects.create(date=day, path="/faq/", views=15)
    client.force_login(user_in(CLERK_GROUP))
    response = client.get("/visitors/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "รายวัน" in content and "รายเดือน" in content
    assert content.index('href="/news/"') < content.index('href="/faq/"')
    assert '<meter min="0" max="100" value="100"' in content
