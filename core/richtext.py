"""Rich text from CKEditor is cleaned on the server, before it is saved, whatever path saved it."""

import html
import re
from urllib.parse import unquote, urlsplit

import nh3
from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.http import url_has_allowed_host_and_scheme
from PIL import Image

from core.images import ensure_renditions, rendition_name, rendition_widths

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "small", "mark", "blockquote", "q", "cite", "ul", "ol", "li", "dl", "dt", "dd", "a", "img",
    "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "colgroup", "col", "span", "div", "pre", "code", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
    "abbr": {"title"},
    "*": {"lang"},
}
# No data: (SVG with script, phishing pages) and no javascript: anywhere.
URL_SCHEMES = {"http", "https", "mailto", "tel"}


# --- Pictures: only those stored on this site ---
# The public CSP (jomthong_site/csp.py) lets a browser load pictures from this site (and map tiles) only,
# so a picture linked from another site shows as broken; a data: picture was never uploaded. The admin refuses
# both with a message; any other save path drops them, so no body ever holds a picture nobody can see.

REMOTE_IMAGE_MESSAGE = (
    "ภาพจากเว็บไซต์อื่นแสดงบนเว็บไซต์นี้ไม่ได้ (%(sources)s) กรุณาดาวน์โหลดภาพนั้นมาเก็บในเครื่อง "
    "ลบภาพเดิมออกจากเนื้อหา แล้วอัปโหลดใหม่ด้วยปุ่ม “รูปภาพ” ของตัวแก้ไข"
)
PASTED_IMAGE_MESSAGE = (
    "มีภาพที่วางลงในเนื้อหาโดยตรงแต่ยังไม่ได้อัปโหลดเข้าเว็บไซต์ (%(count)s ภาพ) จึงบันทึกไม่ได้ "
    "กรุณาบันทึกภาพนั้นเป็นไฟล์ในเครื่อง ลบภาพเดิมออกจากเนื้อหา แล้วอัปโหลดด้วยปุ่ม “รูปภาพ” ของตัวแก้ไข"
)
# What CKEditor makes of a pasted picture it could not upload; other data: URLs (SVG) are hostile, not a
# clerk's photo, and are dropped silently like the rest of the hostile markup.
_PASTED_PICTURE = re.compile(r"data:image/(?:png|jpe?g|gif|webp|avif|bmp)[;,]", re.IGNORECASE)
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
_CONTROL_AND_SPACE = "".join(map(chr, range(0x21)))


def _as_a_browser_reads_it(url: str) -> str:
    # Browsers drop tabs and line breaks anywhere in a URL, and control characters and spaces around it.
    return _IGNORED_IN_URLS.sub("", url).strip(_CONTROL_AND_SPACE)


def is_own_image_source(src: str) -> bool:
    """A path on this site (/media/..., /static/...) or an address on one of its own hosts."""
    own_hosts = {host for host in settings.ALLOWED_HOSTS if host != "*" and not host.startswith(".")}
    url = _as_a_browser_reads_it(src)
    # Django's open-redirect check answers the same question, tricks like //, /\ and /// included.
    return bool(url) and url_has_allowed_host_and_scheme(url, allowed_hosts=own_hosts)


def _keep_own_images_only(tag, attribute, value):
    if tag == "img" and attribute == "src":
        return _as_a_browser_reads_it(value) if is_own_image_source(value) else None
    return value


_IMG_TAG = re.compile(r'<img((?:\s+[^\s"=>/]+(?:="[^"]*")?)*)\s*/?>')
_ATTRIBUTE_NAME = re.compile(r'\s+([^\s"=>/]+)(?:="[^"]*")?')


def _drop_images_without_source(clean_html: str) -> str:
    # nh3 writes every attribute value in double quotes with " escaped, so its <img> tags match exactly.
    return _IMG_TAG.sub(lambda tag: tag.group() if "src" in _ATTRIBUTE_NAME.findall(tag.group(1)) else "", clean_html)


def validate_images_are_uploaded(html: str | None) -> None:
    """Refuse pictures the public page could not show: linked from another site, or pasted but not uploaded."""
    sources = []

    def collect(tag, attribute, value):
        if tag == "img" and attribute == "src":
            sources.append(value)
        return value

    # Read the body as the sanitiser does, so only pictures it would keep are looked at.
    nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes={"img": {"src"}},
        url_schemes=URL_SCHEMES | {"data"},
        attribute_filter=collect,
    )
    remote, pasted = [], 0
    for src in sources:
        url = _as_a_browser_reads_it(src)
        if is_own_image_source(url):
            continue
        if _PASTED_PICTURE.match(url):
            pasted += 1
            continue
        scheme = _SCHEME.match(url)
        if (not scheme or scheme.group(1).lower() in ("http", "https")) and url not in remote:
            remote.append(url)
    errors = []
    if remote:
        shown = ", ".join(url if len(url) <= 80 else url[:79] + "…" for url in remote[:3])
        if len(remote) > 3:
            shown += f" และอีก {len(remote) - 3} ภาพ"
        errors.append(ValidationError(REMOTE_IMAGE_MESSAGE, code="remote_image", params={"sources": shown}))
    if pasted:
        errors.append(ValidationError(PASTED_IMAGE_MESSAGE, code="pasted_image", params={"count": pasted}))
    if errors:
        raise ValidationError(errors)


# Every picture in a body waits until the reader scrolls near it, and decodes off the main thread.
# nh3 appends the attributes it sets in hash order, so one pass would shuffle them from save to save;
# setting one per pass keeps a clean body byte for byte the same when it is saved again.
_COMMON = {"tags": ALLOWED_TAGS, "url_schemes": URL_SCHEMES, "strip_comments": True}
_CLEAN_AND_LAZY_LOAD = nh3.Cleaner(
    **_COMMON,
    attributes=ALLOWED_ATTRIBUTES,
    link_rel="noopener noreferrer",
    set_tag_attribute_values={"img": {"loading": "lazy"}},
    attribute_filter=_keep_own_images_only,
)
_ASYNC_DECODE = nh3.Cleaner(
    **_COMMON,
    attributes=ALLOWED_ATTRIBUTES | {"a": ALLOWED_ATTRIBUTES["a"] | {"rel"}},
    link_rel=None,
    tag_attribute_values={"img": {"loading": {"lazy"}}},
    set_tag_attribute_values={"img": {"decoding": "async"}},
)


def sanitize_html(html: str | None) -> str:
    """Return HTML with only the tags, attributes and URL schemes a clerk's page needs; images load lazily,
    and only those stored on this site are kept."""
    if not html:
        return ""
    return _drop_images_without_source(_ASYNC_DECODE.clean(_CLEAN_AND_LAZY_LOAD.clean(html))).strip()


# How wide a body's picture is drawn: the text column, or the whole screen on a phone.
BODY_IMAGE_SIZES = "(min-width: 56rem) 52rem, 100vw"
_ATTRIBUTE = re.compile(r'\s+([^\s"=>/]+)(?:="([^"]*)")?')


def _stored_name(src: str) -> str | None:
    """The storage name of a picture uploaded to this site (/media/...), or None."""
    path = urlsplit(html.unescape(src)).path
    if not path.startswith(settings.MEDIA_URL):
        return None
    return unquote(path.removeprefix(settings.MEDIA_URL))


def with_responsive_images(clean_html: str) -> str:
    """Give every uploaded picture of a clean body its width, height and a srcset of its renditions.

    Worked out once, when the body is saved: the picture's size is read from storage here, its renditions
    are made after the transaction commits, and a page view only sends the stored HTML.
    """
    made = []

    def rewrite(tag):
        attributes = [
            (name, value) for name, value in _ATTRIBUTE.findall(tag.group(1)) if name not in ("srcset", "sizes")
        ]
        src = dict(attributes).get("src", "")
        name = _stored_name(src)
        if not name:
            return tag.group()
        try:
            with default_storage.open(name, "rb") as stored, Image.open(stored) as picture:
                width, height = picture.size
        except (OSError, ValueError, Image.DecompressionBombError):
            return tag.group()  # a missing or unreadable file costs its picture only, as on the page
        made.append((name, width))
        present = {attribute for attribute, _ in attributes}
        if "width" not in present and "height" not in present:
            attributes += [("width", str(width)), ("height", str(height))]
        srcset = ", ".join(
            f"{default_storage.url(rendition_name(name, w, 'jpg'))} {w}w" for w in rendition_widths(width)
        )
        # nh3 writes the attributes it sets (loading, decoding) after the others: keep its order, so that
        # saving a body again leaves it byte for byte the same.
        attributes.sort(key=lambda attribute: attribute[0] in ("loading", "decoding"))
        attributes += [("srcset", html.escape(srcset)), ("sizes", BODY_IMAGE_SIZES)]
        return "<img" + "".join(f' {key}="{value}"' for key, value in attributes) + ">"

    result = _IMG_TAG.sub(rewrite, clean_html)
    if made:
        transaction.on_commit(
            lambda: [ensure_renditions(default_storage, name, width) for name, width in made], robust=True
        )
    return result


class SanitizedRichTextField(RichTextUploadingField):
    """CKEditor with its image uploader for clerks; the stored value is always nh3-clean.

    Forms (the admin) refuse pictures from other sites with a message; other save paths drop them.
    """

    default_validators = [validate_images_are_uploaded]

    def pre_save(self, model_instance, add):
        value = with_responsive_images(sanitize_html(getattr(model_instance, self.attname)))
        setattr(model_instance, self.attname, value)
        return value
