"""The document centre's pages run the same number of SQL queries whatever the number of documents and files."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from documents.models import Document
from tests.documents_tests.builders import add_file, document, unit

pytestmark = pytest.mark.django_db


def queries(url):
    client = Client()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def grow_to(total):
    office = unit()
    while Document.objects.count() < total:
        index = Document.objects.count()
        item = document(f"เอกสารที่ {index}", slug="reports" if index % 2 else "plans", issuing_unit=office)
        for _ in range(index % 3):
            add_file(item, content=b"%PDF-1.4\nx")


@pytest.mark.parametrize("url", ["/documents/", "/documents/type/reports/", "/documents/?q=เอกสาร&year=2569"])
def test_lists_are_constant(url):
    grow_to(3)
    few = queries(url)
    grow_to(30)
    assert queries(url) == few


def test_the_detail_page_is_constant():
    small = document("เล็ก")
    add_file(small, content=b"%PDF-1.4\nx")
    large = document("ใหญ่")
    for _ in range(12):
        add_file(large, content=b"%PDF-1.4\nx")
    assert queries(small.get_absolute_url()) == queries(large.get_absolute_url())
