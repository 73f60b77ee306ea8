"""The FAQ in site-wide search (registered by faq.apps when the app is ready)."""

from core.searchable import Document, SearchKind, register


def register_kinds():
    register(
        SearchKind(
            kind="faq",
            label="คำถามที่พบบ่อย",
            model="faq.Question",
            document=lambda item: Document(
                title=item.question, text=f"{item.topic.title} {item.answer}", url=item.get_absolute_url(), date=None
            ),
            dependents={"faq.FaqTopic": lambda topic: topic.questions.all()},
        )
    )
