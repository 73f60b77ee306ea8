from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "โครงสร้างองค์กรและบุคลากร"
