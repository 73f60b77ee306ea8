"""The group เจ้าหน้าที่ อบต.: what a clerk needs to run the site's content and accounts in the admin.

A real site gets it at `migrate`; a superuser then puts the clerks' accounts in it. The list is
forum.roles.CLERK_PERMISSIONS frozen as it stood when this migration was written, as migrations must be
(tests/forum_tests/test_clerk_group.py checks the two agree). A later model needs its own migration.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CLERK_GROUP = "เจ้าหน้าที่ อบต."
MEMBER_GROUP = "สมาชิกสภา"
EDIT = ("view", "add", "change")
EDIT_INSIDE_PARENT = (*EDIT, "delete")
CLERK_PERMISSIONS = {
    "core": {"siteprofile": ("view", "change"), "menuitem": EDIT},
    "pages": {
        "page": EDIT,
        "category": EDIT,
        "announcement": EDIT,
        "galleryimage": EDIT_INSIDE_PARENT,
        "attachment": EDIT_INSIDE_PARENT,
    },
    "places": {"place": EDIT, "mapsheet": EDIT},
    "staff": {"unit": EDIT, "position": EDIT_INSIDE_PARENT, "person": EDIT},
    "plans": {
        "plan": EDIT,
        "strategy": EDIT,
        "guideline": EDIT_INSIDE_PARENT,
        "project": EDIT,
        "budgetline": EDIT_INSIDE_PARENT,
    },
    "forum": {"board": EDIT, "topic": ("view", "change", "delete"), "post": ("view", "change")},
    "auth": {"user": EDIT, "group": ("view",)},
}


def create_groups(apps, schema_editor):
    using = schema_editor.connection.alias
    # On a new database Django makes permissions only after the last migration: make these now.
    for app_label in CLERK_PERMISSIONS:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps, using=using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.using(using).get_or_create(name=MEMBER_GROUP)
    group, _ = Group.objects.using(using).get_or_create(name=CLERK_GROUP)
    for app_label, models in CLERK_PERMISSIONS.items():
        for model, actions in models.items():
            group.permissions.add(
                *Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename__in=[f"{action}_{model}" for action in actions]
                )
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(
        name__in=[CLERK_GROUP, MEMBER_GROUP]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("forum", "0001_initial"),
        ("pages", "0001_initial"),
        ("places", "0001_initial"),
        ("plans", "0001_initial"),
        ("staff", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
