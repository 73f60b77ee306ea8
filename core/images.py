"""Every uploaded image is checked with Pillow, normalised and served as resized renditions.

Used by the content, the organisation (staff photos) and the forum alike:
- ``validate_image_file``: a real JPEG, PNG, GIF or WebP, at most 20 MB and 40 megapixels;
- ``validate_image_file_name``: a name ending in one of their extensions (no "photo.jpg.html");
- ``SafeImageField``: a model ImageField that validates, applies the EXIF orientation and drops
  EXIF metadata (GPS position included) when a new file is saved, under a name that keeps its Thai;
- ``renditions``: 400/800/1600 px wide WebP and JPEG copies, made when the image is saved (after the
  transaction commits) and only named, never made or looked for, when a page is rendered.
"""

import io
import logging
import posixpath
import warnings
from dataclasses import dataclass
from functools import lru_cache

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.signals import setting_changed
from django.db import models, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from PIL import Image, ImageOps, UnidentifiedImageError

from core.file_names import CheckedFileFieldMixin

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
ALLOWED_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}
RENDITION_WIDTHS = (400, 800, 1600)
RENDITION_DIR = "renditions"

logger = logging.getLogger(__name__)


NOT_AN_IMAGE_MESSAGE = "ไฟล์นี้ไม่ใช่ภาพ หรือภาพเสียหาย กรุณาเลือกไฟล์ภาพ JPEG, PNG, GIF หรือ WebP"
WRONG_EXTENSION_MESSAGE = (
    "รองรับเฉพาะไฟล์ภาพ JPEG, PNG, GIF หรือ WebP (ชื่อไฟล์ลงท้ายด้วย .jpg, .jpeg, .png, .gif หรือ .webp) กรุณาเลือกไฟล์ภาพใหม่"
)
TOO_MANY_PIXELS_MESSAGE = "ภาพมีขนาดเกิน 40 ล้านพิกเซล กรุณาย่อภาพให้เล็กลงก่อนอัปโหลด"


def is_stored(file) -> bool:
    """A file already in storage: it was checked when it was uploaded, and re-saving a record must not
    read it again (ImageField closes it after measuring it, so reading it fails)."""
    return getattr(file, "_committed", False)


def validate_image_file_name(file):
    """Refuse a name whose last extension is not an image's, whatever its content: "photo.jpg.html"."""
    if is_stored(file):
        return
    extension = posixpath.splitext(getattr(file, "name", "") or "")[1].lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(WRONG_EXTENSION_MESSAGE, code="invalid_extension")


def validate_image_file(file):
    """Refuse anything that is not a real, reasonably sized image, with a Thai message."""
    if is_stored(file):
        return
    size = getattr(file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "ไฟล์ภาพใหญ่เกิน 20 MB กรุณาย่อขนาดภาพหรือบันทึกเป็น JPEG ก่อนอัปโหลด",
            code="image_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        with warnings.catch_warnings():
            # Pillow warns above ~89 megapixels and refuses above ~179: both are far beyond our own limit.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
        with image:
            width, height = image.size
            image_format = image.format
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(
                    "รองรับเฉพาะไฟล์ภาพ JPEG, PNG, GIF หรือ WebP กรุณาเลือกไฟล์ภาพใหม่",
                    code="image_format",
                )
            # Checked from the header, before any pixel is decoded: a decompression bomb stops here.
            if width * height > MAX_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS_MESSAGE, code="image_too_many_pixels")
            image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(TOO_MANY_PIXELS_MESSAGE, code="image_too_many_pixels") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(NOT_AN_IMAGE_MESSAGE, code="image_invalid") from error
    finally:
        if position is not None:
            file.seek(position)


def normalised_image_content(file, max_side=None) -> tuple[ContentFile, str]:
    """The image re-encoded upright and without EXIF metadata, scaled down to fit max_side if given;
    returns (content, extension). One encoding, whatever is asked."""
    file.seek(0)
    with Image.open(file) as image:
        image_format = image.format
        if image_format == "GIF" and getattr(image, "is_animated", False):
            file.seek(0)
            return ContentFile(file.read()), "gif"  # animations are kept as they are; GIF carries no EXIF
        upright = ImageOps.exif_transpose(image)
        quality = 88
        if max_side and max(upright.size) > max_side:
            if upright.mode in ("1", "P"):
                # Pillow resizes palette images with "nearest neighbour" only, which looks jagged.
                upright = upright.convert("RGBA" if upright.has_transparency_data else "RGB")
            upright.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            quality = 85  # a scaled-down copy is already much lighter; 85 is indistinguishable at that size
        output = io.BytesIO()
        if image_format == "JPEG":
            upright.convert("RGB").save(output, "JPEG", quality=quality, optimize=True)
        elif image_format == "WEBP":
            upright.save(output, "WEBP", quality=quality)
        else:
            upright.save(output, image_format, optimize=True)
    return ContentFile(output.getvalue()), ALLOWED_FORMATS[image_format]


class SafeImageFormField(forms.ImageField):
    """The form side of SafeImageField: the content, then the name, each refused with our Thai message before
    Django's own checks (which call a decompression bomb "not an image", and list some 80 formats for a
    picture named .html)."""

    default_validators = []

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)  # nothing sent, or an empty file
        if upload is None:
            return None
        validate_image_file(upload)
        validate_image_file_name(upload)
        return super().to_python(data)


class SafeImageField(CheckedFileFieldMixin, models.ImageField):
    """An ImageField whose new uploads are validated, stripped of EXIF (GPS included) and stored under a Thai name."""

    default_validators = [validate_image_file_name]
    default_stem = "image"
    checks = (validate_image_file,)

    def formfield(self, **kwargs):
        # The form field opens the file with Pillow before any model validator runs; its refusal
        # must say the same thing in the same words.
        error_messages = {"invalid_image": NOT_AN_IMAGE_MESSAGE, **kwargs.pop("error_messages", {})}
        return super().formfield(**{"form_class": SafeImageFormField, "error_messages": error_messages, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            validate_image_file(file)
            content, extension = normalised_image_content(file)
            stem = posixpath.splitext(posixpath.basename(file.name))[0] or "image"
            file.save(f"{stem}.{extension}", content, save=False)
            # Stored now, so that loading a row never opens its file to learn the size.
            content.seek(0)
            with Image.open(content) as stored:
                self._set_dimensions(model_instance, *stored.size)
        elif file and self.width_field and not getattr(model_instance, self.width_field):
            # Saved earlier through field.save(..., save=False) (demo content, scripts): measure it once.
            try:
                with file.storage.open(file.name, "rb") as stored_file, Image.open(stored_file) as stored:
                    self._set_dimensions(model_instance, *stored.size)
            except OSError:
                pass
        return super().pre_save(model_instance, add)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            post_save.connect(
                self._renditions_after_commit,
                sender=cls,
                weak=False,
                dispatch_uid=f"renditions-{cls._meta.label}-{name}",
            )

    def _renditions_after_commit(self, sender, instance, raw=False, using=None, **kwargs):
        """Renditions are made once, when the image is saved, after the row is committed: a page view
        never makes them, and a rolled-back save leaves none behind."""
        file = getattr(instance, self.attname)
        width, _height = image_size(file) if file else (None, None)
        if raw or not file or not width:
            return
        storage, name = file.storage, file.name
        transaction.on_commit(lambda: ensure_renditions(storage, name, width), using=using, robust=True)

    def _set_dimensions(self, instance, width, height):
        if self.width_field:
            setattr(instance, self.width_field, width)
        if self.height_field:
            setattr(instance, self.height_field, height)

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # A file lost from storage (a restore without media, a clerk's manual clean-up) must cost
        # one missing picture, not the whole page.
        try:
            super().update_dimension_fields(instance, force, *args, **kwargs)
        except OSError:
            logger.warning("Image file missing for %s pk=%s", instance._meta.label, instance.pk)
            self._set_dimensions(instance, None, None)


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    webp_url: str
    jpeg_url: str


def rendition_name(original_name: str, width: int, extension: str) -> str:
    stem = posixpath.splitext(original_name)[0]
    return posixpath.join(RENDITION_DIR, f"{stem}-{width}w.{extension}")


def _replace(storage, name, data):
    # A half-made set from an interrupted run must not leave copies under suffixed names.
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(data))


def rendition_widths(width: int) -> list[int]:
    """The widths made for an image this wide: the standard ones below it, and its own up to the largest."""
    return sorted({w for w in RENDITION_WIDTHS if w < width} | {min(width, RENDITION_WIDTHS[-1])})


def make_renditions(storage, name: str, widths) -> None:
    """Write the WebP and JPEG copies of a stored image at the given widths."""
    with storage.open(name, "rb") as stored, Image.open(stored) as source:
        source = ImageOps.exif_transpose(source)
        source.load()
    has_alpha = source.mode in ("RGBA", "LA", "P")
    for width in widths:
        height = max(1, round(source.height * width / source.width))
        resized = source.resize((width, height), Image.Resampling.LANCZOS) if width != source.width else source
        webp = io.BytesIO()
        resized.convert("RGBA" if has_alpha else "RGB").save(webp, "WEBP", quality=80, method=4)
        _replace(storage, rendition_name(name, width, "webp"), webp.getvalue())
        jpeg = io.BytesIO()
        flattened = resized.convert("RGBA").convert("RGB") if has_alpha else resized.convert("RGB")
        flattened.save(jpeg, "JPEG", quality=82, optimize=True, progressive=True)
        _replace(storage, rendition_name(name, width, "jpg"), jpeg.getvalue())


def ensure_renditions(storage, name: str, width: int) -> bool:
    """Make the renditions of a stored image unless they exist; False when the original is missing.

    Called when the image is saved (after the transaction commits), never while a page is rendered.
    """
    widths = rendition_widths(width)
    if storage.exists(rendition_name(name, widths[-1], "jpg")):
        return True
    try:
        make_renditions(storage, name, widths)
    except (OSError, UnidentifiedImageError):
        logger.warning("Image file missing or unreadable, no renditions made: %s", name)
        return False
    return True


def image_size(field_file) -> tuple[int | None, int | None]:
    """Width and height from the model's width_field/height_field (every SafeImageField has them): no file read."""
    field = field_file.field
    instance = field_file.instance
    return getattr(instance, field.width_field, None), getattr(instance, field.height_field, None)


def renditions(field_file) -> list[Rendition]:
    """The resized copies of an image, worked out from its stored size: no storage call, made at save time.

    A file lost from storage costs its picture only (the browser gets a 404 for it), never the page.
    """
    if not field_file:
        return []
    width, height = image_size(field_file)
    if not width or not height:
        return []
    return list(_renditions_of(field_file.storage, field_file.name, width, height))


@lru_cache(maxsize=4096)
def _renditions_of(storage, name, width, height) -> tuple[Rendition, ...]:
    # Kept per worker: a stored file's name never names other content (a new upload gets a new name), and
    # a page with forty portraits asked for some three hundred URLs on every render.
    return tuple(
        Rendition(
            width=w,
            height=max(1, round(height * w / width)),
            webp_url=storage.url(rendition_name(name, w, "webp")),
            jpeg_url=storage.url(rendition_name(name, w, "jpg")),
        )
        for w in rendition_widths(width)
    )


@receiver(setting_changed)
def _forget_rendition_urls(setting, **kwargs):
    if setting in ("MEDIA_URL", "MEDIA_ROOT", "STORAGES"):  # tests that move the media
        _renditions_of.cache_clear()


def missing_alt_text(image, alt, *, example="") -> ValidationError | None:
    """The one alt-text rule: a picture must say what it shows, for readers who cannot see it.

    Returns the error to attach to the alt-text field, or None. ``example`` ends the message with a hint
    ("เช่น ภาพถ่ายของบุคคลนี้").
    """
    if not image or (alt or "").strip():
        return None
    hint = f" เช่น {example}" if example else ""
    return ValidationError(f"กรุณาใส่คำอธิบายภาพ สำหรับผู้พิการทางสายตา{hint}", code="alt_required")
