"""The clerks' group may manage the home banners and quick links (a frozen copy of accounts.roles.CLERK_PERMISSIONS["frontpage"])."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CLERK_GROUP = "เจ้าหน้าที่ อบต."
PERMISSIONS = {"frontpage": {"banner": ("view", "add", "change"), "quicklink": ("view", "add", "change", "delete")}}


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    create_permissions(global_apps.get_app_config("frontpage"), verbosity=0, apps=apps, using=using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(using).get_or_create(name=CLERK_GROUP)
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            group.permissions.add(
                *Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename__in=[f"{action}_{model}" for action in actions]
                )
            )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_groups"), ("frontpage", "0001_initial")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
