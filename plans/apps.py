from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "แผนพัฒนาตำบล"

    def ready(self):
        from plans import searchable

        searchable.register_kinds()
