"""บริการประชาชน in a real Chromium on a 360 px phone with JavaScript off: a resident files a complaint
with a photo and gets a tracking code; a clerk of the handling unit finds it in the admin inbox, replies
and finishes it; the resident sees the timeline and the reply."""

import io
import re

import pytest
from django.contrib.auth.models import User
from PIL import Image

from services.models import ServiceRequest, Status
from tests.conftest import screenshot

pytestmark = pytest.mark.browser

CLERK_PASSWORD = "browser-clerk-2569"
SUBJECT = "ไฟทางดับหน้าวัด หมู่ 4 (ทดสอบเบราว์เซอร์)"
REPLY = "ช่างเปลี่ยนหลอดไฟแล้ว ขอบคุณที่แจ้ง"


@pytest.fixture
def phone(browser):
    contexts = []

    def open_phone():
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH", java_script_enabled=False)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


def photo_path(tmp_path):
    path = tmp_path / "ไฟทางดับ.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 30, 80)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_complaint_from_a_phone_to_a_finished_reply_without_javascript(live_demo, phone, tmp_path):
    clerk = User.objects.get(username="clerk_demo")
    clerk.set_password(CLERK_PASSWORD)
    clerk.save()
    base = live_demo.url

    resident = phone()
    resident.goto(f"{base}/services/")
    resident.get_by_role("link", name="ร้องเรียน/ร้องทุกข์", exact=True).first.click()
    resident.wait_for_load_state()
    assert "/services/new/complaint/" in resident.url
    no_sideways_scroll(resident)
    resident.fill("#id_subject", SUBJECT)
    resident.fill("#id_details", "ไฟทางดับมาสามคืนแล้ว มืดมาก เด็กเดินกลับจากโรงเรียนลำบาก")
    resident.locator("select[name^=field_]").first.select_option("ไฟฟ้าส่องสว่าง")
    resident.set_input_files("#id_photo_1", photo_path(tmp_path))
    resident.fill("#id_name", "สมศรี มีสุข")
    resident.check("#id_consent")
    screenshot(resident, "services-form-360")
    resident.wait_for_timeout(3200)  # a person takes longer than the form's minimum fill time
    resident.locator("form.services-form button[type=submit]").click()
    resident.wait_for_selector("[data-tracking-code]")
    code = resident.locator("[data-tracking-code]").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", code)
    tracking_url = resident.url
    no_sideways_scroll(resident)
    screenshot(resident, "services-receipt-360")
    item = ServiceRequest.objects.get(subject=SUBJECT)
    assert item.photos.count() == 1 and item.code_display == code

    office = phone()
    office.goto(f"{base}/accounts/login/")
    office.fill("#id_username", "clerk_demo")
    office.fill("#id_password", CLERK_PASSWORD)
    office.locator("main form button[type=submit]").click()
    office.wait_for_load_state()
    office.goto(f"{base}/admin/services/servicerequest/")
    assert "หน่วยงานของฉัน" in office.content()
    office.get_by_role("link", name=SUBJECT).click()
    office.wait_for_load_state()
    office.select_option("#id_new_status", Status.DONE)
    office.fill("#id_public_reply", REPLY)
    office.fill("#id_internal_note", "เบิกหลอดไฟจากคลังพัสดุ 1 หลอด")
    office.locator("input[name=_save]").click()
    office.wait_for_load_state()
    screenshot(office, "services-admin-360")
    item.refresh_from_db()
    assert item.status == Status.DONE

    resident.goto(tracking_url)
    page_text = resident.locator("main").inner_text()
    assert "เสร็จสิ้น" in page_text and REPLY in page_text and "รับเรื่อง" in page_text
    assert "เบิกหลอดไฟ" not in page_text and "สมศรี" not in page_text and "ส." in page_text
    assert re.search(r"25[6-9]\d", page_text)
    no_sideways_scroll(resident)
    screenshot(resident, "services-timeline-360")


def test_with_javascript_the_location_is_picked_on_the_map(live_demo, new_page):
    page = new_page(360, 740)
    page.route(lambda url: not url.startswith(live_demo.url), lambda route: route.abort())  # no tile server here
    page.goto(f"{live_demo.url}/services/new/complaint/")
    page.wait_for_selector("#location-picker .leaflet-container")
    assert page.locator("#id_latitude").input_value() == ""
    page.locator("#location-picker .services-map").click(position={"x": 150, "y": 100})
    assert page.locator("#id_latitude").input_value() != ""
    assert page.locator("#id_longitude").input_value() != ""
    csp_errors = [text for text in page.console_errors if "Content Security Policy" in text]
    assert not csp_errors
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
