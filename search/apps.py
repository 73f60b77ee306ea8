from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "การค้นหา"

    def ready(self):
        from search import indexes, registry

        indexes.register_all()
        registry.connect_signals()
