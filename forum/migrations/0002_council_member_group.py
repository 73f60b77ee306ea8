"""The group whose members may start topics and reply: clerks add council members to it in the admin."""

from django.db import migrations

MEMBER_GROUP = "สมาชิกสภา"  # forum.permissions.MEMBER_GROUP, frozen here as migrations must be


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=MEMBER_GROUP)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MEMBER_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("forum", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
