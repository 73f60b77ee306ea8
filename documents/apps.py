from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "ศูนย์ข้อมูลข่าวสารและ ITA"

    def ready(self):
        from documents import searchable

        searchable.register_kinds()
