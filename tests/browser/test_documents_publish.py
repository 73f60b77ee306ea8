"""A clerk who has only the clerks' group publishes a document with two files in a real Chromium, links it to
an ITA item, and a resident then finds it on the public hub, with both files and a preview of the PDF."""

import pytest

from documents.models import Document, ItaItem
from tests.conftest import screenshot
from tests.documents_tests.builders import PASSWORD, clerk, docx_bytes, pdf_bytes

pytestmark = pytest.mark.browser

TITLE = "รายงานผลการดำเนินงานประจำปีงบประมาณ 2568 (ฉบับทดสอบ)"


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form input[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/admin/")


def test_a_clerk_publishes_a_document_with_two_files_and_links_it_to_an_ita_item(live_demo, new_page):
    user = clerk("ita-clerk")
    assert [group.name for group in user.groups.all()] == ["เจ้าหน้าที่ อบต."] and not user.is_superuser

    page = new_page(1366, 900)
    log_in(page, live_demo.url, "ita-clerk")
    page.goto(f"{live_demo.url}/admin/documents/document/add/")
    page.select_option("#id_doc_type", label="รายงาน")
    page.fill("#id_title", TITLE)
    page.fill("#id_issue_date", "15/10/2568")
    page.fill("#id_summary", "ผลการดำเนินงานตามแผนพัฒนาท้องถิ่นของปีที่ผ่านมา")
    page.select_option("#id_status", value="published")
    page.set_input_files(
        "#id_files-0-file", {"name": "รายงานผล.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.set_input_files(
        "#id_files-1-file",
        {"name": "ตารางสรุป.docx", "mimeType": "application/octet-stream", "buffer": docx_bytes()},
    )
    with page.expect_navigation() as navigation:
        page.locator("input[name=_save]").last.click()
    assert navigation.value.status == 200
    assert page.url.endswith("/admin/documents/document/"), page.locator(".errornote, .errorlist").all_inner_texts()
    document = Document.objects.get(title=TITLE)
    assert document.fiscal_year == 2569 and document.files.count() == 2

    item = ItaItem.objects.get(year__year=2569, code="O7")
    existing = item.links.count()
    page.goto(f"{live_demo.url}/admin/documents/itaitem/{item.pk}/change/")
    page.select_option(f"#id_links-{existing}-document", label=TITLE)
    with page.expect_navigation() as navigation:
        page.locator("input[name=_save]").last.click()
    assert navigation.value.status == 200
    assert page.url.endswith("/admin/documents/itaitem/"), page.locator(".errornote, .errorlist").all_inner_texts()
    assert item.links.filter(document=document).exists()

    resident = new_page(360, 800)
    assert resident.goto(f"{live_demo.url}/ita/2569/").status == 200
    link = resident.locator("#O7 .ita-links a", has_text=TITLE)
    assert link.count() == 1
    screenshot(resident, "ita-hub-2569-phone")
    link.click()
    resident.wait_for_load_state()
    assert resident.locator("h1").inner_text() == TITLE
    assert resident.locator(".doc-file").count() == 2
    assert resident.locator(".doc-file__meta").all_inner_texts() == [
        f"ไฟล์ PDF ขนาด {document.files.all()[0].size_display}",
        f"ไฟล์ Word ขนาด {document.files.all()[1].size_display}",
    ]
    preview = resident.locator(".doc-file__preview img")
    assert preview.count() == 1
    preview.scroll_into_view_if_needed()
    resident.wait_for_load_state("networkidle")
    assert resident.evaluate("() => document.querySelector('.doc-file__preview img').naturalWidth") > 0
    overflow = resident.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    screenshot(resident, "document-detail-phone")
    assert resident.console_errors == []
