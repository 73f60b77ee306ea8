"""The published questions and answers in site-wide search (requests themselves are never searchable)."""

from core.searchable import Document, SearchKind, register


def register_kinds():
    register(_published_question())


def _published_question():
    def document(item):
        return Document(
            title=item.question[:150], text=item.answer, url=item.get_absolute_url(), date=item.published_at
        )

    return SearchKind(
        kind="service_question",
        label="ถามตอบกับ อบต.",
        model="services.PublishedQuestion",
        document=document,
        fields=frozenset({"question", "answer", "is_published", "published_at"}),
    )
