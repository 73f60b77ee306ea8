"""Clerks (เจ้าหน้าที่ อบต.) may see the history and the recycle bin and restore from them.

A frozen copy of the "history" entry of accounts.roles.CLERK_PERMISSIONS, as migrations must be.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CLERK_GROUP = "เจ้าหน้าที่ อบต."
HISTORY_PERMISSIONS = {"contentversion": ("view", "change"), "deleteditem": ("view", "change")}


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    create_permissions(global_apps.get_app_config("history"), verbosity=0, apps=apps, using=using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(using).get_or_create(name=CLERK_GROUP)
    codenames = [f"{action}_{model}" for model, actions in HISTORY_PERMISSIONS.items() for action in actions]
    group.permissions.add(
        *Permission.objects.using(using).filter(content_type__app_label="history", codename__in=codenames)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.using(schema_editor.connection.alias).filter(name=CLERK_GROUP).first()
    if group:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="history"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_groups"), ("history", "0001_initial")]

    operations = [migrations.RunPython(grant, revoke)]
