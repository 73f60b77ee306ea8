from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = "บริการประชาชน"

    def ready(self):
        from services import searchable

        searchable.register_kinds()
