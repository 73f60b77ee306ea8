"""Published documents' files (documents, procurement notices, budget ordinances): checked by content as
announcements' attachments are (core/files.py), and more strictly, stored where the web server does not
serve them, and handed out by a view that decides who may see them.

- Stricter checks: an empty file, and an Office file that is a zip bomb (its parts would unpack to far more
  than any real document), are refused with a Thai message.
- Storage: ``PRIVATE_MEDIA_ROOT`` (not under MEDIA_ROOT, which /media/ serves to anyone), so a draft's file
  cannot be fetched by guessing its address.
- Serving: ``checked_file_response`` sends the content type of the checked kind, ``nosniff`` and
  ``Content-Security-Policy: sandbox`` (a PDF's own scripts never run with the site's origin).
- A first-page preview of a PDF is drawn with poppler-utils' ``pdftoppm`` when it is installed; without it
  there is simply no preview.
"""

import logging
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible

from core.files import (
    KINDS,
    AttachmentFileField,
    content_disposition,
    content_type_of,
    download_name,
    extension_of,
    validate_attachment_file,
)
from core.images import is_stored

logger = logging.getLogger(__name__)

# A real .docx or .xlsx unpacks to a few times its size; 100 MB or 100 times the file is an attack.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_UNPACK_RATIO = 100
PREVIEW_WIDTH = 480
PREVIEW_TIMEOUT_SECONDS = 20


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT, read when used (tests change the setting)."""

    def __init__(self):
        super().__init__()

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return str(Path(settings.PRIVATE_MEDIA_ROOT).resolve())

    @property
    def base_url(self):
        return None

    def url(self, name):
        # No public address: pages link to the view that serves the file. Empty (not an error) so that the
        # admin's file widget still renders; the admins show links to the serving views instead.
        return ""


private_storage = PrivateStorage()


def _empty():
    return ValidationError("ไฟล์นี้ว่างเปล่า (0 ไบต์) กรุณาตรวจดูว่าบันทึกเอกสารครบแล้ว แล้วแนบใหม่", code="file_empty")


def _zip_bomb():
    return ValidationError(
        "ไฟล์นี้ไม่ใช่เอกสาร Word หรือ Excel ตามปกติ (ขยายแล้วใหญ่ผิดปกติ) กรุณาบันทึกเอกสารใหม่จากโปรแกรม แล้วแนบอีกครั้ง",
        code="file_zip_bomb",
    )


def _unpacks_too_large(file) -> bool:
    position = file.tell()
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False  # validate_attachment_file refuses what is not a real zip
    finally:
        file.seek(position)
    size = getattr(file, "size", None) or 1
    return unpacked > MAX_UNPACKED_BYTES or unpacked > size * MAX_UNPACK_RATIO


def validate_document_file(file):
    """What validate_attachment_file checks, and no empty file and no zip bomb."""
    if is_stored(file):
        return
    if getattr(file, "size", None) == 0:
        raise _empty()
    validate_attachment_file(file)
    kind = KINDS.get(extension_of(getattr(file, "name", "")))
    if kind and kind.zip_folder and _unpacks_too_large(file):
        raise _zip_bomb()


class DocumentFileField(AttachmentFileField):
    """A checked PDF, Word or Excel file, kept in private storage."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("storage", private_storage)
        kwargs["validators"] = [*kwargs.get("validators", []), validate_document_file]
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("storage", None)
        return name, path, args, kwargs


def checked_file_response(field_file, *, title, fallback_stem, public, as_attachment=True):
    """A stored checked file, under its Thai name, with the content type of its kind, nosniff and a sandbox.

    A file missing from storage is a 404, never a 500. Files of drafts are never cached by proxies.
    """
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("ไม่พบไฟล์") from error
    response = FileResponse(handle, content_type=content_type_of(field_file.name))
    if as_attachment:
        name = download_name(title, field_file.name, fallback_stem=fallback_stem)
        response["Content-Disposition"] = content_disposition(name, fallback_stem=fallback_stem)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    if public:
        patch_cache_control(response, public=True, max_age=60 * 60)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def preview_image_response(field_file, *, public):
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("ไม่พบภาพตัวอย่าง") from error
    response = FileResponse(handle, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    if public:
        patch_cache_control(response, public=True, max_age=60 * 60)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def pdf_first_page_png(field_file) -> ContentFile | None:
    """The first page of a stored PDF as a PNG PREVIEW_WIDTH wide, or None (no pdftoppm, a broken PDF, too slow)."""
    tool = shutil.which("pdftoppm")
    if not tool or extension_of(field_file.name) != "pdf":
        return None
    with tempfile.TemporaryDirectory(prefix="pdf-preview-") as folder:
        source = Path(folder) / "source.pdf"
        with field_file.open("rb") as stored, source.open("wb") as copy:
            shutil.copyfileobj(stored, copy)
        target = Path(folder) / "page"
        try:
            subprocess.run(  # noqa: S603 - a fixed program and arguments, no shell
                [tool, "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to-x", str(PREVIEW_WIDTH),
                 "-scale-to-y", "-1", str(source), str(target)],
                check=True,
                capture_output=True,
                timeout=PREVIEW_TIMEOUT_SECONDS,
            )  # fmt: skip
        except (subprocess.SubprocessError, OSError) as error:
            logger.info("No preview for %s: %s", field_file.name, error)
            return None
        png = target.with_suffix(".png")
        if not png.exists() or not png.stat().st_size:
            return None
        return ContentFile(png.read_bytes())
