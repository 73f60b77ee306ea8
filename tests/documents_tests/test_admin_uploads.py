"""A clerk publishes documents in the admin; hostile files are refused with a Thai message, nothing is
stored, and the admin never answers 500."""

import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from documents.models import Document, DocumentFile
from tests.documents_tests.builders import clerk, doc_type, docx_bytes, pdf_bytes, zip_bomb_docx

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/documents/document/add/"


def form_data(*files, title="รายงานผลการดำเนินงาน ปี 2568"):
    data = {
        "doc_type": doc_type().pk,
        "title": title,
        "issue_date": "01/10/2568",
        "fiscal_year": "",
        "summary": "สรุปผลการดำเนินงาน",
        "status": "published",
        "files-TOTAL_FORMS": str(max(len(files), 1)),
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    for index, upload in enumerate(files):
        data[f"files-{index}-file"] = upload
        data[f"files-{index}-order"] = str(index)
    return data


def stored_files():
    return [name for _, _, names in os.walk(settings.PRIVATE_MEDIA_ROOT) for name in names]


@pytest.fixture
def client():
    client = Client()
    client.force_login(clerk())
    return client


def test_a_clerk_publishes_a_document_with_two_files(client):
    response = client.post(
        ADD_URL,
        form_data(SimpleUploadedFile("รายงาน.pdf", pdf_bytes()), SimpleUploadedFile("ตาราง.docx", docx_bytes())),
    )
    assert response.status_code == 302, response.context["errors"] if response.context else response
    document = Document.objects.get()
    assert document.fiscal_year == 2569  # 1 ตุลาคม 2568 starts fiscal year 2569
    assert [file.kind for file in document.files.all()] == ["PDF", "Word"]
    assert document.updated_by.username == "clerk"
    assert Client().get(document.get_absolute_url()).status_code == 200


HOSTILE = {
    "html renamed pdf": ("ประกาศ.pdf", b"<html><script>alert(document.cookie)</script></html>", "รองรับเฉพาะไฟล์ PDF"),
    "zip bomb renamed docx": ("รายงาน.docx", None, "ขยายแล้วใหญ่ผิดปกติ"),
    "empty file": ("ว่าง.pdf", b"", "ว่าง"),
    "over the size limit": ("ใหญ่.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), "ใหญ่เกิน 20 MB"),
    "script": ("run.exe", b"MZ\x90\x00", "รองรับเฉพาะไฟล์ PDF"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_is_refused_in_thai_and_nothing_is_stored(client, case):
    name, content, message = HOSTILE[case]
    if content is None:
        content = zip_bomb_docx()
    before = stored_files()
    response = client.post(ADD_URL, form_data(SimpleUploadedFile(name, content)))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert Document.objects.count() == 0 and DocumentFile.objects.count() == 0
    assert stored_files() == before


class TestAccess:
    def test_anonymous_goes_to_the_login(self):
        response = Client().get(ADD_URL)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_staff_without_the_role_is_refused(self):
        from django.contrib.auth.models import User

        user = User.objects.create_user("other", password="x", is_staff=True)
        client = Client()
        client.force_login(user)
        assert client.get(ADD_URL).status_code == 403

    def test_a_clerk_may_add_documents_and_edit_the_ita_hub(self, client):
        for url in [
            ADD_URL,
            "/admin/documents/documenttype/add/",
            "/admin/documents/itaitem/",
            "/admin/documents/assessmentyear/",
        ]:
            assert client.get(url).status_code == 200, url
