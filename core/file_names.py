"""Stored names of uploaded files that keep their Thai: "ok-รูปกิจกรรม วันเด็ก.jpg" → "ok-รูปกิจกรรม-วันเด็ก.jpg".

Django's ``get_valid_filename`` keeps only ``\\w``, which drops Thai vowel and tone marks ("มติ" → "มต"), and
django-ckeditor's slugify drops Thai altogether. Here a name keeps Thai letters, marks and digits, ASCII
letters and digits, "-" and "_": nothing that can make a path, a hidden file or a second extension.
Storage's ``get_available_name`` still makes each name unique.
"""

import datetime
import posixpath
import re
import unicodedata

from django.core.files.utils import validate_file_name

# Thai consonants, vowels, tone marks and ๆ ฯ (U+0E01–U+0E3A, U+0E40–U+0E4E) and Thai digits (U+0E50–U+0E59).
UNSAFE_CHARACTERS = re.compile(r"[^0-9A-Za-z_\-\u0E01-\u0E3A\u0E40-\u0E4E\u0E50-\u0E59]")
# A name on disk (ext4 and most others) is at most 255 bytes and a Thai letter takes 3 in UTF-8.
MAX_NAME_BYTES = 200
# What storage's get_available_name adds to a name already taken: "_" and 7 random characters.
UNIQUE_SUFFIX_ROOM = 8


def _fit(text: str, max_characters: int, max_bytes: int) -> str:
    text = text[: max(max_characters, 0)]
    while len(text.encode()) > max_bytes:
        text = text[:-1]
    return text


def safe_file_name(name: str, *, default_stem: str = "file") -> str:
    """The last part of ``name``, reduced to safe characters; spaces become "-", inner dots too."""
    base = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    stem, extension = posixpath.splitext(base)
    # "photo.jpg.html" keeps one extension only: a second one misleads people and some web servers.
    stem = re.sub(r"[\s.]+", "-", stem.strip())
    stem = UNSAFE_CHARACTERS.sub("", stem)
    stem = re.sub(r"([-_])[-_]+", r"\1", stem).strip("-_") or default_stem
    extension = re.sub(r"[^0-9a-z]", "", extension.lower())
    return f"{stem}.{extension}" if extension else stem


def stored_file_name(folder: str, name: str, *, max_length: int | None, default_stem: str = "file") -> str:
    """folder/safe-name, short enough for the field's max_length and the disk even with a unique suffix."""
    folder = posixpath.normpath(folder.replace("\\", "/")) if folder else ""
    folder = "" if folder == "." else folder
    file_name = safe_file_name(name, default_stem=default_stem)
    stem, extension = posixpath.splitext(file_name)
    room = MAX_NAME_BYTES
    if max_length:
        room = min(room, max_length - (len(folder) + 1 if folder else 0) - len(extension) - UNIQUE_SUFFIX_ROOM)
    stem = _fit(stem, room, MAX_NAME_BYTES - len(extension.encode())).rstrip("-_") or default_stem[: max(room, 1)]
    path = posixpath.join(folder, f"{stem}{extension}")
    validate_file_name(path, allow_relative_path=True)
    return path


class CheckedFileFieldMixin:
    """For a FileField or ImageField whose uploads are checked by content and stored under a Thai name.

    ``checks`` are the validators every new upload must pass; they stay out of migrations (a change of
    rule needs no migration), as does the usual max_length of 255.
    """

    default_stem = "file"
    checks = ()

    def __init__(self, *args, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", []), *self.checks]
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        if kwargs.get("max_length") == 255:
            kwargs.pop("max_length")
        return name, path, args, kwargs

    def generate_filename(self, instance, filename):
        if callable(self.upload_to):
            path = self.upload_to(instance, filename)
        else:
            path = posixpath.join(datetime.datetime.now().strftime(str(self.upload_to)), filename)
        folder, name = posixpath.split(path)
        return stored_file_name(folder, name, max_length=self.max_length, default_stem=self.default_stem)
