from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "เนื้อหาเว็บไซต์"

    def ready(self):
        from pages import searchable

        searchable.register_kinds()
