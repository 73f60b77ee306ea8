"""`load_demo` fills an empty site and is idempotent: a second run changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=False)

OUR_APPS = ("pages", "places", "staff", "plans", "forum")


def snapshot():
    rows = {}
    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            rows[model._meta.label] = sorted(
                tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
            )
    return rows


def test_load_demo_twice_changes_nothing():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    assert any(first.values())
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_load_demo_keeps_a_clerks_edits():
    from pages.models import Page

    call_command("load_demo", stdout=io.StringIO())
    Page.objects.filter(slug="vision-mission").update(title="วิสัยทัศน์ (แก้ไขโดยเจ้าหน้าที่)")
    call_command("load_demo", stdout=io.StringIO())
    assert Page.objects.get(slug="vision-mission").title == "วิสัยทัศน์ (แก้ไขโดยเจ้าหน้าที่)"
