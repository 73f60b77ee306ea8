import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Fill the site with sample content (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        # Each of our apps keeps its sample content in <app>/demo.py with a load() function;
        # INSTALLED_APPS lists them in the order their content depends on each other.
        for app_config in apps.get_app_configs():
            if not str(app_config.path).startswith(str(settings.BASE_DIR)):
                continue
            try:
                demo = importlib.import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app_config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                demo.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("โหลดข้อมูลตัวอย่างเรียบร้อย"))
