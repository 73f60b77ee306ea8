"""The pages app's models: standing pages and dated announcements.

Split into modules by subject; import them from here (``from pages.models import Announcement``).
"""

from pages.models.announcements import Announcement, AnnouncementQuerySet, Attachment, Category, GalleryImage
from pages.models.page import Page, PageQuerySet

__all__ = [
    "Announcement",
    "AnnouncementQuerySet",
    "Attachment",
    "Category",
    "GalleryImage",
    "Page",
    "PageQuerySet",
]
