"""The documents app's models: the document centre (ศูนย์ข้อมูลข่าวสาร) and the ITA hub."""

from documents.models.documents import Document, DocumentFile, DocumentQuerySet, DocumentType
from documents.models.ita import AssessmentYear, ItaItem, ItaLink

__all__ = ["AssessmentYear", "Document", "DocumentFile", "DocumentQuerySet", "DocumentType", "ItaItem", "ItaLink"]
