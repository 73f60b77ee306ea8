"""Builders for the document centre and ITA tests: documents with files, clerks, and hostile files."""

import datetime
import io
import zipfile

from django.apps import apps
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import clerk_group_ensure
from documents.ita_lists import ensure_document_types
from documents.models import AssessmentYear, Document, DocumentFile, DocumentType, ItaItem, ItaLink

Status = Document.Status
PASSWORD = "clerk-password-2569"


def pdf_bytes(text="Sample"):
    """A small but complete PDF with one page of text (pdftoppm draws it)."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length " + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def docx_bytes(extra=None):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", extra if extra is not None else "<document>ตัวอย่าง</document>")
    return output.getvalue()


def zip_bomb_docx():
    """A .docx-shaped zip of ~20 KB whose document unpacks to 20 MB of zeros."""
    return docx_bytes(extra=b"\x00" * (20 * 1024 * 1024))


def doc_type(slug="reports"):
    ensure_document_types()  # the migrations make them; a transactional test before this one may have flushed them
    return DocumentType.objects.get(slug=slug)


def unit(name="สำนักปลัด", slug="office"):
    Unit = apps.get_model("staff", "Unit")
    return Unit.objects.get_or_create(slug=slug, defaults={"name": name, "side": "permanent"})[0]


def document(title="รายงานผลการดำเนินงานประจำปี", *, slug="reports", status=Status.PUBLISHED, files=0, day=None, **extra):
    item = Document.objects.create(
        doc_type=doc_type(slug),
        title=title,
        status=status,
        issue_date=day or datetime.date(2025, 11, 15),
        **extra,
    )
    for number in range(files):
        add_file(item, f"ไฟล์ที่ {number + 1}.pdf")
    return item


def add_file(item, name="รายงาน.pdf", content=None):
    return DocumentFile.objects.create(document=item, file=SimpleUploadedFile(name, content or pdf_bytes()))


def clerk(username="clerk"):
    """An account in the clerks' group only (as a superuser would set it up)."""
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(clerk_group_ensure())
    return user


def ita_year(year=2569, *, items=3, links_per_item=1, published=True):
    assessment = AssessmentYear.objects.create(year=year, is_published=published)
    for number in range(1, items + 1):
        item = ItaItem.objects.create(
            year=assessment, code=f"O{number}", title=f"ข้อ {number}", group="9.1 ข้อมูลพื้นฐาน", order=number
        )
        for link_number in range(links_per_item):
            target = document(f"เอกสารข้อ {number}-{link_number}")
            ItaLink.objects.create(item=item, document=target, order=link_number)
    return assessment
