"""Empties the recycle bin of entries older than RECYCLE_BIN_DAYS (30), their files with them.

Run it daily (deploy/ has a systemd timer for backups; a cron line does as well):
    manage.py purge_recycle_bin
A file is deleted only when no live row of its model still uses it. Until an entry is purged, nothing
deletes its files, so a restore brings back the gallery and the attachments as they were.
"""

from datetime import timedelta

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.utils import timezone
from reversion.models import Version

from history.models import DeletedItem


def stored_files(entry):
    """(model, field, storage, name) of every file the deleted item and its children held."""
    found = []
    for stored in serializers.deserialize("json", entry.data, ignorenonexistent=True):
        obj = stored.object
        for field in obj._meta.concrete_fields:
            if isinstance(field, models.FileField):
                value = getattr(obj, field.attname)
                if value:
                    found.append((type(obj), field, value.storage, value.name))
    return found


class Command(BaseCommand):
    help = "ลบถาวรรายการในถังขยะที่เก่ากว่ากำหนด (RECYCLE_BIN_DAYS วัน) พร้อมไฟล์ที่ไม่มีรายการอื่นใช้"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="เก่ากว่ากี่วัน (ค่าเริ่มต้น RECYCLE_BIN_DAYS)")
        parser.add_argument("--dry-run", action="store_true", help="แสดงรายการที่จะลบ โดยไม่ลบจริง")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.RECYCLE_BIN_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        purged = files_deleted = 0
        for entry in DeletedItem.objects.filter(deleted_at__lt=cutoff).select_related("content_type"):
            files = stored_files(entry)
            self.stdout.write(f"{'(ทดลอง) ' if dry_run else ''}ลบถาวร: {entry} ({len(files)} ไฟล์)")
            if dry_run:
                continue
            with transaction.atomic():
                model = entry.content_type.model_class()
                if model is not None:
                    Version.objects.get_for_object_reference(model, entry.object_id).delete()
                entry.delete()
            for model, field, storage, name in files:
                still_used = model._default_manager.filter(**{field.name: name}).exists()
                if not still_used and storage.exists(name):
                    storage.delete(name)
                    files_deleted += 1
            purged += 1
        self.stdout.write(f"ลบถาวร {purged} รายการ {files_deleted} ไฟล์ (เก่ากว่า {days} วัน)")
