"""What each app offers to site-wide search: one SearchKind per kind of result."""

from django.apps import apps

from search.registry import Document, SearchKind, register


def register_all():
    Page = apps.get_model("pages", "Page")
    register(
        SearchKind(
            kind="page",
            label="หน้าเนื้อหา",
            model="pages.Page",
            public=lambda: Page.objects.published(),
            document=lambda page: Document(
                title=page.title,
                text=f"{page.summary} {page.body}",
                url=page.get_absolute_url(),
                date=page.updated_at,
            ),
        )
    )
