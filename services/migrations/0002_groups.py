"""The clerks' permissions on บริการประชาชน, and the group ผู้รับเรื่องทุจริต.

Frozen copies of accounts.roles.CLERK_PERMISSIONS["services"] and CORRUPTION_PERMISSIONS as they stood
when this migration was written (tests/services_tests/test_roles.py checks they agree).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CLERK_GROUP = "เจ้าหน้าที่ อบต."
CORRUPTION_GROUP = "ผู้รับเรื่องทุจริต"
EDIT = ("view", "add", "change")
EDIT_INSIDE_PARENT = (*EDIT, "delete")
CLERK_PERMISSIONS = {
    "requestkind": EDIT,
    "kindfield": EDIT_INSIDE_PARENT,
    "servicerequest": ("view", "change"),
    "privacynotice": EDIT,
    "clerkunit": EDIT_INSIDE_PARENT,
    "surveyquestion": EDIT,
    "publishedquestion": EDIT,
}
CORRUPTION_PERMISSIONS = {"sealedreport": ("view", "change")}


def _grant(apps, using, group, permissions):
    Permission = apps.get_model("auth", "Permission")
    for model, actions in permissions.items():
        group.permissions.add(
            *Permission.objects.using(using).filter(
                content_type__app_label="services", codename__in=[f"{action}_{model}" for action in actions]
            )
        )


def create_groups(apps, schema_editor):
    using = schema_editor.connection.alias
    create_permissions(global_apps.get_app_config("services"), verbosity=0, apps=apps, using=using)
    Group = apps.get_model("auth", "Group")
    clerks, _ = Group.objects.using(using).get_or_create(name=CLERK_GROUP)
    _grant(apps, using, clerks, CLERK_PERMISSIONS)
    corruption, _ = Group.objects.using(using).get_or_create(name=CORRUPTION_GROUP)
    _grant(apps, using, corruption, CORRUPTION_PERMISSIONS)


def remove_groups(apps, schema_editor):
    using = schema_editor.connection.alias
    apps.get_model("auth", "Group").objects.using(using).filter(name=CORRUPTION_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_groups"), ("services", "0001_initial")]

    operations = [migrations.RunPython(create_groups, remove_groups)]
