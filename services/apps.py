from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = "บริการประชาชน"

    def ready(self):
        from core.page_cache import register_live_part
        from services import searchable
        from services.spam import STARTED_FIELD, started_token

        searchable.register_kinds()
        # A form served from the page cache carries the time it was shown to this visitor, not the time it
        # was rendered: the minimum time to fill it in (services/spam.py) counts from there.
        register_live_part(
            "form-started",
            f'name="{STARTED_FIELD}" value="(?P<live>[^"]*)"'.encode(),
            lambda request: started_token(),
            marker=f'name="{STARTED_FIELD}"'.encode(),
        )
