from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "การค้นหา"

    def ready(self):
        from search import checks, indexes, registry  # noqa: F401  (checks registers itself)

        indexes.register_all()
        registry.connect_signals()
