"""Documents in site-wide search (registered by documents.apps when the app is ready)."""

import datetime

from django.utils import timezone

from core.searchable import Document as SearchDocument
from core.searchable import SearchKind, register


def register_kinds():
    register(_document())


def _document():
    def document(item):
        files = " ".join(file.display_title for file in item.files.all())
        unit = item.issuing_unit.name if item.issuing_unit_id else ""
        return SearchDocument(
            title=item.title,
            text=f"{item.doc_type.name} ปีงบประมาณ {item.fiscal_year} {unit} {item.summary} {files}",
            url=item.get_absolute_url(),
            date=timezone.make_aware(datetime.datetime.combine(item.issue_date, datetime.time())),
        )

    return SearchKind(
        kind="document",
        label="เอกสาร (ศูนย์ข้อมูลข่าวสาร)",
        model="documents.Document",
        document=document,
        dependents={
            "documents.DocumentType": lambda doc_type: doc_type.documents.all(),
            "documents.DocumentFile": lambda file: [file.document],
        },
    )
