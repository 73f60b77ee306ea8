"""Standing pages and announcements in site-wide search (registered by pages.apps when the app is ready)."""

from core.searchable import Document, SearchKind, register


def register_kinds():
    register(_page(), _announcement())


def _page():
    return SearchKind(
        kind="page",
        label="หน้าเนื้อหา",
        model="pages.Page",
        document=lambda page: Document(
            title=page.title, text=f"{page.summary} {page.body}", url=page.get_absolute_url(), date=page.updated_at
        ),
    )


def _announcement():

    def document(item):
        attachments = " ".join(attachment.display_title for attachment in item.attachments.all())
        captions = " ".join(image.caption for image in item.gallery.all())
        return Document(
            title=item.title,
            text=f"{item.category.title} {item.summary} {item.body} {captions} {attachments}",
            url=item.get_absolute_url(),
            date=item.publish_at,
        )

    return SearchKind(
        kind="announcement",
        label="ข่าวสารและประกาศ",
        model="pages.Announcement",
        fields=frozenset({"title", "slug", "category", "category_id", "summary", "body", "publish_at"}),
        document=document,
        dependents={
            # The category's slug is part of the item's URL; captions and file titles are its text.
            "pages.Category": lambda category: category.announcements.all(),
            "pages.GalleryImage": lambda image: [image.announcement],
            "pages.Attachment": lambda attachment: [attachment.announcement],
        },
    )
