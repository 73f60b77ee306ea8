from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = "จัดซื้อจัดจ้างและงบประมาณ"

    def ready(self):
        from procurement import searchable

        searchable.register_kinds()
