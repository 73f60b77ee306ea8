from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = "แผนที่และสถานที่"

    def ready(self):
        from places import searchable

        searchable.register_kinds()
