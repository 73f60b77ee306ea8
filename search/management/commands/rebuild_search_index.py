import sys

from django.core.management.base import BaseCommand
from django.db import transaction

from core.searchable import KINDS
from search import registry


class Command(BaseCommand):
    help = "Index every searchable item afresh (existing data, or after changing how items are indexed)."

    def handle(self, *args, **options):
        total = sum(kind.model_class._default_manager.count() for kind in KINDS.values())
        width = 30

        def progress(kind, done):
            if done == total or done % 25 == 0:
                filled = int(width * done / max(total, 1))
                bar = "█" * filled + "░" * (width - filled)
                self.stdout.write(f"\r[{bar}] {done}/{total} ({kind.label})", ending="")
                self.stdout.flush()

        with transaction.atomic():
            count = registry.rebuild(progress=progress)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"สร้างดัชนีค้นหาใหม่แล้ว {count} รายการ"))
        sys.stdout.flush()
