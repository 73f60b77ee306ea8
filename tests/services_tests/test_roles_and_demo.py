"""The clerks' permissions on บริการประชาชน and the group ผู้รับเรื่องทุจริต come from migrations that agree
with accounts/roles.py; the demo content loads twice without change; three-way access to the inbox."""

import importlib
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from accounts import roles
from services.models import KindField, PublishedQuestion, RequestKind, ServiceRequest

pytestmark = pytest.mark.django_db
groups_migration = importlib.import_module("services.migrations.0002_groups")


def names(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_the_frozen_lists_in_the_migration_agree_with_the_roles():
    assert roles.CLERK_PERMISSIONS["services"] == groups_migration.CLERK_PERMISSIONS
    assert roles.CORRUPTION_PERMISSIONS["services"] == groups_migration.CORRUPTION_PERMISSIONS
    assert groups_migration.CORRUPTION_GROUP == roles.CORRUPTION_GROUP


def test_a_migrated_site_has_the_groups_with_their_permissions():
    clerks = names(Group.objects.get(name=roles.CLERK_GROUP))
    assert {"services.change_servicerequest", "services.add_requestkind", "services.add_kindfield"} <= clerks
    assert not {"services.view_sealedreport", "services.delete_servicerequest"} & clerks
    sealed = names(Group.objects.get(name=roles.CORRUPTION_GROUP))
    assert sealed == {"services.view_sealedreport", "services.change_sealedreport"}


def test_the_demo_content_loads_twice_without_change():
    call_command("load_demo", stdout=io.StringIO())
    counts = [RequestKind.objects.count(), KindField.objects.count(), ServiceRequest.all_requests.count(),
              PublishedQuestion.objects.count()]  # fmt: skip
    call_command("load_demo", stdout=io.StringIO())
    assert counts == [RequestKind.objects.count(), KindField.objects.count(), ServiceRequest.all_requests.count(),
                      PublishedQuestion.objects.count()]  # fmt: skip
    assert {"complaint", "corruption", "water-supply", "water-truck", "disaster-relief", "venue", "question"} <= set(
        RequestKind.objects.values_list("slug", flat=True)
    )
    assert RequestKind.objects.get(slug="corruption").allow_anonymous


def test_the_inbox_three_ways(client, clerk):
    url = reverse("admin:services_servicerequest_changelist")
    assert client.get(url).status_code == 302  # anonymous: to the log-in page
    outsider = User.objects.create_user("plain_staff", password="pw", is_staff=True)
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(clerk)
    assert client.get(url).status_code == 200
