"""The pages app's models: the site's identity and menu, standing pages, and dated announcements.

Split into modules by subject; import them from here (``from pages.models import Announcement``).
"""

from pages.models.announcements import Announcement, AnnouncementQuerySet, Attachment, Category, GalleryImage
from pages.models.site import MenuItem, MenuItemQuerySet, Page, PageQuerySet, SiteProfile, TimestampedModel

__all__ = [
    "Announcement",
    "AnnouncementQuerySet",
    "Attachment",
    "Category",
    "GalleryImage",
    "MenuItem",
    "MenuItemQuerySet",
    "Page",
    "PageQuerySet",
    "SiteProfile",
    "TimestampedModel",
]
