"""The group เจ้าหน้าที่ อบต.: a clerk in it runs the site's content and its accounts in the admin,
deactivates instead of deleting, and can hand out no power beyond the site's two groups."""

import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from accounts import demo, roles
from accounts.roles import MEMBER_GROUP

CLERK_PAGES = [
    "/admin/",
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/admin/auth/group/",
    "/admin/staff/person/",
    "/admin/staff/person/add/",
    "/admin/staff/unit/add/",
    "/admin/staff/position/",
    "/admin/plans/plan/",
    "/admin/plans/plan/add/",
    "/admin/plans/plan/import/",
    "/admin/plans/project/",
    "/admin/pages/page/add/",
    "/admin/pages/announcement/add/",
    "/admin/core/menuitem/",
    "/admin/places/place/add/",
    "/admin/places/mapsheet/",
    "/admin/forum/board/add/",
    "/admin/forum/topic/",
    "/admin/forum/post/",
]


def permission_names(permissions):
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions.select_related("content_type")}


@pytest.fixture
def demo_accounts(db):
    demo.load(stdout=io.StringIO())
    return User.objects.get(username="clerk_demo"), User.objects.get(username="council_demo1")


@pytest.mark.django_db
def test_the_migrations_give_a_real_site_the_group_with_exactly_the_clerk_permissions():
    # Not the demo: a site that never loads sample content has the group straight after `migrate`.
    group = Group.objects.get(name=roles.CLERK_GROUP)
    assert permission_names(group.permissions) == roles.clerk_permission_names()


def test_the_clerk_may_add_change_and_view_but_never_delete_a_person_or_a_content_page():
    names = roles.clerk_permission_names()
    for model in ("staff.person", "staff.unit", "plans.plan", "pages.page", "pages.announcement", "places.place"):
        app, name = model.split(".")
        assert {f"{app}.{action}_{name}" for action in ("view", "add", "change")} <= names, model
        assert f"{app}.delete_{name}" not in names, model
    assert {"auth.add_user", "auth.change_user", "auth.view_user", "auth.view_group"} <= names
    assert not names & {"auth.delete_user", "auth.add_group", "auth.change_group", "auth.add_permission"}


class TestTheDemoClerk:
    def test_is_in_the_group_and_opens_every_page_of_the_clerks_work(self, client, demo_accounts):
        clerk, _ = demo_accounts
        assert clerk.groups.filter(name=roles.CLERK_GROUP).exists() and not clerk.is_superuser
        client.force_login(clerk)
        refused = {url: client.get(url).status_code for url in CLERK_PAGES}
        assert {url: status for url, status in refused.items() if status != 200} == {}

    def test_a_council_member_opens_none_of_them(self, client, demo_accounts):
        _, councillor = demo_accounts
        client.force_login(councillor)
        for url in CLERK_PAGES:
            response = client.get(url)
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url

    def test_a_second_demo_run_leaves_the_group_as_it_was(self, demo_accounts):
        group = Group.objects.get(name=roles.CLERK_GROUP)
        before = (permission_names(group.permissions), list(group.user_set.values_list("username", flat=True)))
        demo.load(stdout=io.StringIO())
        assert Group.objects.filter(name=roles.CLERK_GROUP).count() == 1
        assert (permission_names(group.permissions), list(group.user_set.values_list("username", flat=True))) == before

    def test_people_leave_office_instead_of_being_deleted(self, client, demo_accounts):
        from staff.models import Person
        from tests.staff_tests.builders import small_organisation

        person = small_organisation()["accountant_person"]
        clerk, _ = demo_accounts
        client.force_login(clerk)
        assert client.get(reverse("admin:staff_person_delete", args=[person.pk])).status_code == 403
        actions = client.get(reverse("admin:staff_person_changelist")).context["action_form"].fields["action"]
        assert "leave_office" in dict(actions.choices) and "delete_selected" not in dict(actions.choices)
        client.post(
            reverse("admin:staff_person_changelist"), {"action": "leave_office", "_selected_action": [person.pk]}
        )
        assert Person.objects.get(pk=person.pk).is_active is False


def user_change_data(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "groups": [group.pk for group in user.groups.all()],
    }
    if user.is_staff:
        data["is_staff"] = "on"
    data.update(changes)
    return data


class TestAccountsMadeByTheClerk:
    def test_the_clerk_creates_a_council_members_account_who_can_then_post(self, client, demo_accounts):
        from forum.permissions import is_member

        clerk, _ = demo_accounts
        client.force_login(clerk)
        response = client.post(
            reverse("admin:auth_user_add"),
            {
                "username": "new_councillor",
                "usable_password": "true",
                "password1": "Fields-rice-2569",
                "password2": "Fields-rice-2569",
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        newcomer = User.objects.get(username="new_councillor")
        members = Group.objects.get(name=MEMBER_GROUP)
        response = client.post(
            reverse("admin:auth_user_change", args=[newcomer.pk]),
            user_change_data(newcomer, first_name="สมาชิกใหม่", groups=[members.pk]),
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert is_member(User.objects.get(pk=newcomer.pk))

    def test_the_clerk_hands_out_only_the_sites_two_groups_and_never_superuser_or_single_permissions(
        self, client, demo_accounts
    ):
        clerk, councillor = demo_accounts
        powerful = Group.objects.create(name="ผู้ดูแลระบบทั้งหมด")
        powerful.permissions.set(Permission.objects.all())
        client.force_login(clerk)
        page = client.get(reverse("admin:auth_user_change", args=[councillor.pk]))
        form = page.context["adminform"].form
        assert "is_superuser" not in form.fields and "user_permissions" not in form.fields
        assert set(form.fields["groups"].queryset.values_list("name", flat=True)) == {MEMBER_GROUP, roles.CLERK_GROUP}

        everything = list(Permission.objects.values_list("pk", flat=True))
        response = client.post(
            reverse("admin:auth_user_change", args=[clerk.pk]),
            user_change_data(clerk, is_superuser="on", user_permissions=everything, groups=[powerful.pk]),
        )
        assert response.status_code == 200  # the group is refused with the form's message
        client.post(
            reverse("admin:auth_user_change", args=[clerk.pk]),
            user_change_data(clerk, is_superuser="on", user_permissions=everything),
        )
        clerk = User.objects.get(pk=clerk.pk)
        assert not clerk.is_superuser and not clerk.user_permissions.exists() and powerful not in clerk.groups.all()

    def test_the_clerk_cannot_change_a_superuser_or_take_over_their_password(self, client, demo_accounts):
        clerk, _ = demo_accounts
        admin = User.objects.create_superuser("site-admin", "admin@example.org", "Original-secret-2569")
        client.force_login(clerk)
        response = client.post(
            reverse("admin:auth_user_change", args=[admin.pk]), user_change_data(admin, is_active="")
        )
        assert response.status_code == 403
        password_url = reverse("admin:auth_user_password_change", args=[admin.pk])
        response = client.post(password_url, {"password1": "Taken-over-2569", "password2": "Taken-over-2569"})
        assert response.status_code == 403
        admin.refresh_from_db()
        assert admin.is_active and admin.check_password("Original-secret-2569")
