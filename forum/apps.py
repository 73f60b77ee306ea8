from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "กระดานสนทนา"

    def ready(self):
        from forum import searchable

        searchable.register_kinds()
