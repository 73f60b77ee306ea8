from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "คำถามที่พบบ่อย"

    def ready(self):
        from faq import searchable

        searchable.register_kinds()
