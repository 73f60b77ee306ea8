"""Small builders for the announcement tests: categories, announcements, and files of every kind."""

import datetime
import io
import struct
import zipfile
import zlib

from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pages.models import Announcement, Attachment, Category, GalleryImage

Status = Announcement.Status


def category(slug="activities", title="กิจกรรมขององค์กร", **extra):
    return Category.objects.get_or_create(slug=slug, defaults={"title": title, **extra})[0]


def announcement(cat=None, title="ข่าวทดสอบ", *, days_ago=1, status=Status.PUBLISHED, cover=False, **extra):
    item = Announcement(
        category=cat or category(),
        title=title,
        status=status,
        publish_at=timezone.now() - datetime.timedelta(days=days_ago),
        **extra,
    )
    if cover:
        item.cover_image = png_upload("cover.png", size=(320, 200))
        item.cover_alt = f"ภาพประกอบ {title}"
    item.save()
    return item


def gallery_image(item, order=1, caption="คำบรรยายภาพ"):
    return GalleryImage.objects.create(
        announcement=item, image=png_upload(f"photo-{order}.png", size=(160, 120)), alt=f"ภาพที่ {order}",
        caption=caption, order=order,
    )  # fmt: skip


def attachment(item, name="report.pdf", content=None, title="รายงาน"):
    return Attachment.objects.create(
        announcement=item, file=SimpleUploadedFile(name, content or pdf_bytes()), title=title
    )


def clerk(username="clerk", *, models=("announcement", "galleryimage", "attachment", "category")):
    """A staff member who may add and change announcements in the admin, and nothing else."""
    user = User.objects.create_user(username, password="clerk-password-2569", is_staff=True)
    codenames = [f"{action}_{model}" for model in models for action in ("add", "change", "view", "delete")]
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="pages", codename__in=codenames))
    return user


# --- Files ---


def png_bytes(size=(64, 48), color=(31, 95, 63)):
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, "PNG")
    return output.getvalue()


def png_upload(name="image.png", size=(64, 48)):
    return SimpleUploadedFile(name, png_bytes(size), content_type="image/png")


def png_header_claiming(width, height):
    """A tiny PNG whose header claims a huge picture: a decompression bomb stops at the header."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def office_zip(folder):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return output.getvalue()


def ole2_bytes():
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
