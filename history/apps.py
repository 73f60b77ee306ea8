from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "history"
    verbose_name = "ประวัติการแก้ไขและถังขยะ"

    def ready(self):
        from history import versioning

        versioning.track_all()
