from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "ข้อมูลหน่วยงานและเมนู"

    def ready(self):
        from core import page_cache

        page_cache.install()
