"""Files attached to announcements: PDF, Word and Excel only, recognised by name AND by content.

A file whose extension says one thing and whose first bytes say another (an .html renamed .pdf, a
script renamed .docx) is refused with a Thai message before anything is written to storage.
"""

import posixpath
import re
import zipfile
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.db import models

from core.file_names import CheckedFileFieldMixin
from core.images import is_stored

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # the container of .doc and .xls (Office 97–2003)
ZIP_MAGIC = b"PK\x03\x04"  # the container of .docx and .xlsx (Office Open XML)


class Kind:
    def __init__(self, label, magic, content_type, zip_folder=None):
        self.label = label
        self.magic = magic
        self.content_type = content_type
        self.zip_folder = zip_folder


OOXML = "application/vnd.openxmlformats-officedocument"
KINDS = {
    "pdf": Kind("PDF", PDF_MAGIC, "application/pdf"),
    "doc": Kind("Word", OLE2_MAGIC, "application/msword"),
    "docx": Kind("Word", ZIP_MAGIC, f"{OOXML}.wordprocessingml.document", zip_folder="word/"),
    "xls": Kind("Excel", OLE2_MAGIC, "application/vnd.ms-excel"),
    "xlsx": Kind("Excel", ZIP_MAGIC, f"{OOXML}.spreadsheetml.sheet", zip_folder="xl/"),
}
ACCEPT = ",".join(f".{extension}" for extension in KINDS)


def extension_of(name: str) -> str:
    return posixpath.splitext(name or "")[1].lower().lstrip(".")


def _wrong_type():
    return ValidationError(
        "รองรับเฉพาะไฟล์ PDF, Word (.doc, .docx) และ Excel (.xls, .xlsx) ที่เปิดได้จริง กรุณาบันทึกเอกสารเป็นไฟล์ชนิดนี้แล้วแนบใหม่",
        code="attachment_type",
    )


def _is_office_zip(file, folder) -> bool:
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)


def validate_attachment_file(file):
    """Refuse anything but a real PDF, Word or Excel file of at most 20 MB, with a Thai message."""
    if is_stored(file):
        return
    size = getattr(file, "size", None)
    if size is not None and size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            "ไฟล์แนบใหญ่เกิน 20 MB กรุณาลดขนาดไฟล์ (เช่น สแกนที่ความละเอียดต่ำลง) หรือแบ่งเป็นหลายไฟล์",
            code="attachment_too_large",
        )
    kind = KINDS.get(extension_of(getattr(file, "name", "")))
    if kind is None:
        raise _wrong_type()
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        head = file.read(len(kind.magic))
        if head != kind.magic:
            raise _wrong_type()
        if kind.zip_folder and not _is_office_zip(file, kind.zip_folder):
            raise _wrong_type()
    finally:
        if position is not None:
            file.seek(position)


def kind_label(name: str) -> str:
    kind = KINDS.get(extension_of(name))
    return kind.label if kind else extension_of(name).upper()


def content_type_of(name: str) -> str:
    kind = KINDS.get(extension_of(name))
    return kind.content_type if kind else "application/octet-stream"


def download_name(title: str, stored_name: str, *, fallback_stem: str) -> str:
    """The name people saw on the page (the uploaded file's own name, unless a clerk gave a title) with the
    extension of the stored, checked kind: "มติสภา ครั้งที่ 1.pdf". Never a path."""
    extension = extension_of(stored_name)
    name = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', "-", title).strip(" .-") or fallback_stem
    return name if not extension or extension_of(name) == extension else f"{name}.{extension}"


def content_disposition(name: str, *, fallback_stem: str) -> str:
    """RFC 6266: an ASCII name for old clients, and the real (Thai) one, UTF-8 and percent-encoded, for the rest.
    Django's own header carries only one of the two."""
    stem, extension = posixpath.splitext(name)
    # A Thai name has no ASCII spelling worth keeping ("มติสภา ครั้งที่ 1" would become "1"): a neutral one then.
    ascii_stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_") if stem.isascii() else ""
    ascii_extension = re.sub(r"[^A-Za-z0-9.]", "", extension)
    return (
        f'attachment; filename="{ascii_stem or fallback_stem}{ascii_extension}"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )


def human_size(size) -> str:
    """512 → "512 ไบต์", 1,536 → "2 กิโลไบต์", 2,500,000 → "2.4 เมกะไบต์": as a Thai reader expects it."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size:,} ไบต์"
    if size < 1024 * 1024:
        return f"{size / 1024:,.0f} กิโลไบต์"
    return f"{size / (1024 * 1024):,.1f} เมกะไบต์"


class AttachmentFileField(CheckedFileFieldMixin, models.FileField):
    """A FileField that accepts only PDF, Word and Excel files checked by content, stored under a Thai name."""

    checks = (validate_attachment_file,)

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.widget.attrs.setdefault("accept", ACCEPT)
        return field
