from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "โครงสร้างองค์กรและบุคลากร"

    def ready(self):
        from staff import searchable

        searchable.register_kinds()
