from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "การค้นหา"

    def ready(self):
        # Listed last in INSTALLED_APPS: every other app has registered its kinds by now.
        from search import checks, registry  # noqa: F401  (checks registers itself)

        registry.connect_signals()
