"""CKEditor's image uploader, contained: staff only, CSRF checked, Pillow-checked images only.

django-ckeditor 6.7.4's own upload view is exempt from CSRF, stores any file whose name ends in
.jpg/.png/.gif, keeps its EXIF (GPS included) and writes CKEditorFuncNum into a script unescaped.
These views keep its URL names and the answers CKEditor 4 expects, and nothing else of it:

- CKEditor 4.22.1 uploads by XHR (the Image dialog's upload tab and pasted or dropped images alike);
  the admin gives it Django's CSRF token as an ``X-CSRFToken`` header (``fileTools_requestHeaders``,
  see core/admin.py), so Django's own CsrfViewMiddleware checks every upload. CKEditor's own
  ``ckCsrfToken`` is a random value it makes up in the browser, tied to no session: it is ignored.
- Every file is checked with ``validate_image_file`` and ``validate_image_file_name`` (no "photo.jpg.html")
  and stored re-encoded without EXIF, under the extension of its real format and a name that keeps its
  Thai (core/file_names.py); a refusal stores nothing and carries a Thai message.
- Anything larger than 1600 px is scaled down on upload; when the body is saved, each picture gets a
  srcset of its 400/800/1600 px renditions (core/richtext.py), so a phone downloads the small one.
"""

import posixpath
import re
from io import BytesIO

from ckeditor_uploader import utils as ckeditor_utils
from ckeditor_uploader import views as ckeditor_views
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.forms import FileField
from django.http import HttpResponse, JsonResponse
from django.utils.html import escapejs
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from core.file_names import stored_file_name
from core.images import (
    NOT_AN_IMAGE_MESSAGE,
    normalised_image_content,
    validate_image_file,
    validate_image_file_name,
)

NO_FILE_MESSAGE = "ไม่พบไฟล์ที่อัปโหลด กรุณาเลือกไฟล์ภาพ JPEG, PNG, GIF หรือ WebP"
# The browse dialog shows these small copies instead of the full images (as django-ckeditor does).
THUMBNAIL_SIZE = (75, 75)
# The largest rendition of the pictures elsewhere on the site (core/images.py): sharp on a wide screen at 2x.
MAX_BODY_IMAGE_SIDE = 1600


def _editor_callback_number(request):
    """CKEditor's callback number for the form-post upload: digits or nothing (it is written into a script)."""
    number = request.GET.get("CKEditorFuncNum", "")
    return number if re.fullmatch(r"\d{1,10}", number) else None


def _answer(request, *, url="", file_name="", error="", width=None, height=None):
    """The answer CKEditor shows: JSON for its XHR uploads, a callFunction script for a form post.

    A refusal is still HTTP 200: CKEditor 4 shows ``error.message`` only from a 2xx answer; for any other
    status it shows its own generic "HTTP error" text instead of our Thai message.
    """
    callback = _editor_callback_number(request)
    if callback:
        script = f"window.parent.CKEDITOR.tools.callFunction({callback}, '{escapejs(url)}', '{escapejs(error)}');"
        return HttpResponse(f"<script>{script}</script>", content_type="text/html; charset=utf-8")
    if error:
        return JsonResponse({"uploaded": 0, "error": {"message": error}}, json_dumps_params={"ensure_ascii": False})
    return JsonResponse({"uploaded": 1, "fileName": file_name, "url": url, "width": width, "height": height})


def _storage_name(uploaded_name, extension, request):
    """django-ckeditor's own folders (upload path, per user, per date); our name, which keeps its Thai
    (django-ckeditor's slugify drops every Thai letter), with the extension of the real format."""
    folder = posixpath.dirname(ckeditor_views.get_upload_filename(f"image.{extension}", request))
    stem = posixpath.splitext(posixpath.basename((uploaded_name or "").replace("\\", "/")))[0]
    return stored_file_name(folder, f"{stem}.{extension}", max_length=255, default_stem="image")


def _save_thumbnail(storage, saved_name, data):
    with Image.open(BytesIO(data)) as image:
        thumbnail = image.convert("RGB")
        thumbnail.thumbnail(THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
        output = BytesIO()
        thumbnail.save(output, "JPEG", optimize=True)
    storage.save(ckeditor_utils.get_thumb_filename(saved_name), ContentFile(output.getvalue()))


@staff_member_required
@require_POST
def upload(request):
    """Stores one image from the editor and answers with its URL, or refuses it with a Thai message."""
    uploaded = request.FILES.get("upload")
    if uploaded is None:
        return _answer(request, error=NO_FILE_MESSAGE)
    if not uploaded.size:
        return _answer(request, error=str(FileField.default_error_messages["empty"]))
    try:
        validate_image_file(uploaded)
        validate_image_file_name(uploaded)
        content, extension = normalised_image_content(uploaded, max_side=MAX_BODY_IMAGE_SIDE)
    except ValidationError as error:
        return _answer(request, error=error.messages[0])
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        # Pillow read the header but could not decode the pixels (a truncated or corrupt file).
        return _answer(request, error=NOT_AN_IMAGE_MESSAGE)

    data = content.read()
    with Image.open(BytesIO(data)) as stored:
        width, height = stored.size
    storage = ckeditor_utils.storage
    saved_name = storage.save(_storage_name(uploaded.name, extension, request), ContentFile(data))
    _save_thumbnail(storage, saved_name, data)
    return _answer(
        request,
        url=ckeditor_utils.get_media_url(saved_name),
        file_name=posixpath.basename(saved_name),
        width=width,
        height=height,
    )


# Listing what was uploaded is harmless to keep from django-ckeditor, once it is staff only and never cached.
browse = never_cache(staff_member_required(ckeditor_views.browse))
