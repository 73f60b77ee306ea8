from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "ข้อมูลหน่วยงานและเมนู"

    def ready(self):
        from core import checks, csrf, page_cache  # noqa: F401  (checks registers itself)

        page_cache.install()
        csrf.install()
