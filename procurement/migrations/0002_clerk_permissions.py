"""The clerks' group (เจ้าหน้าที่ อบต.) may edit this app's content: accounts.roles.CLERK_PERMISSIONS["procurement"],
frozen as it stood when this migration was written."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CLERK_GROUP = "เจ้าหน้าที่ อบต."
EDIT = ("view", "add", "change")
EDIT_INSIDE_PARENT = (*EDIT, "delete")
CLERK_PERMISSIONS = {
    "procurement": {
        "procurementplan": EDIT,
        "notice": EDIT,
        "budgetordinance": EDIT,
        "budgetline": EDIT_INSIDE_PARENT,
    },
}


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    for app_label in CLERK_PERMISSIONS:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps, using=using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(using).get_or_create(name=CLERK_GROUP)
    for app_label, models in CLERK_PERMISSIONS.items():
        for model, actions in models.items():
            group.permissions.add(
                *Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename__in=[f"{action}_{model}" for action in actions]
                )
            )


def revoke(apps, schema_editor):
    using = schema_editor.connection.alias
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.using(using).filter(name=CLERK_GROUP).first()
    if group:
        group.permissions.remove(
            *Permission.objects.using(using).filter(content_type__app_label__in=list(CLERK_PERMISSIONS))
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_groups"), ("procurement", "0001_initial")]

    operations = [migrations.RunPython(grant, revoke)]
