from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "เนื้อหาเว็บไซต์"
