"""A file storage that counts the calls a page render must never make."""

from collections import Counter

from django.core.files.storage import FileSystemStorage


class CountingStorage(FileSystemStorage):
    calls = Counter()

    def exists(self, name):
        self.calls["exists"] += 1
        return super().exists(name)

    def size(self, name):
        self.calls["size"] += 1
        return super().size(name)

    def open(self, name, mode="rb"):
        self.calls["open"] += 1
        return super().open(name, mode)
