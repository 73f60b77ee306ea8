import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Fill the site with sample content (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--into-real-site",
            action="store_true",
            help="Load the samples even though the organisation's profile was filled in by someone else.",
        )

    def handle(self, *args, **options):
        owner = real_site_name()
        if owner and not options["into_real_site"]:
            raise CommandError(
                f"ฐานข้อมูลนี้เป็นของเว็บไซต์จริง ({owner}) จึงไม่โหลดข้อมูลตัวอย่างลงไป "
                "ตรวจสอบ DATABASE_URL ให้ชี้ไปยังฐานข้อมูลสำหรับทดลอง "
                "(หากต้องการจริง ๆ ให้สั่ง load_demo --into-real-site)"
            )
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


def real_site_name():
    """The organisation's name when its profile was filled in by a person, not by these samples; else "".

    The samples write the profile of their own organisation first; any other name means the database
    holds a real site, and sample pages, people and accounts must not be mixed into it.
    """
    from core.demo import PROFILE
    from core.models import SiteProfile

    name = SiteProfile.objects.filter(pk=1).values_list("name", flat=True).first()
    return name if name and name != PROFILE["name"] else ""
