"""A resident files a request: the form per kind, consent with the notice's version, photos stripped of
EXIF, a tracking code, an email receipt; spam is refused in Thai with what was typed kept."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image

from services.models import RequestEvent, ServiceRequest, Status
from tests.services_tests.conftest import complaint_data, complaint_post, image_file

pytestmark = pytest.mark.django_db


def submit_url(kind):
    return reverse("services:submit", kwargs={"slug": kind.slug})


def test_the_form_asks_the_kinds_declared_questions_and_shows_the_privacy_notice(client, complaint_kind, notice):
    response = client.get(submit_url(complaint_kind))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("หมู่ที่", "เรื่องเกี่ยวกับ", "ละติจูด", "ภาพถ่ายที่ 3", "ประกาศทดสอบ", "ฉบับ 2569-1", 'name="consent"'):
        assert text in html
    assert 'name="website"' in html and 'name="form_started"' in html


def test_a_valid_complaint_is_stored_with_consent_and_a_tracking_code_and_a_receipt_is_emailed(
    client, complaint_kind, notice, unit
):
    data = complaint_post(complaint_kind)
    data["photo_1"] = image_file(exif_gps=True)
    response = client.post(submit_url(complaint_kind), data)
    item = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("services:track", kwargs={"code": item.tracking_code})
    assert item.consent_version == "2569-1" and item.consent_notice == notice
    assert item.unit == unit and item.status == Status.RECEIVED and item.due_date is not None
    assert {a["label"]: a["value"] for a in item.answers} == {"หมู่ที่": "4", "เรื่องเกี่ยวกับ": "ถนน"}
    assert item.events.get().action == RequestEvent.Action.SUBMITTED
    photo = item.photos.get()
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
    assert len(mail.outbox) == 1
    assert item.code_display in mail.outbox[0].subject and mail.outbox[0].to == ["somchai@example.org"]

    page = client.get(response["Location"])
    assert item.code_display in page.content.decode()
    assert "data-tracking-code" in page.content.decode()


def test_a_file_that_is_not_an_image_is_refused_in_thai_and_the_text_is_kept(client, complaint_kind):
    upload = image_file()
    upload = type(upload)(b"<script>alert(1)</script>")
    upload.name = "photo.jpg"
    response = client.post(submit_url(complaint_kind), {**complaint_post(complaint_kind), "photo_1": upload})
    assert response.status_code == 400
    assert "ไม่ใช่ภาพ" in response.content.decode()
    assert "ถนนเป็นหลุมหน้าบ้าน" in response.content.decode()
    assert not ServiceRequest.all_requests.exists()


def test_consent_is_required(client, complaint_kind):
    data = complaint_post(complaint_kind)
    del data["consent"]
    response = client.post(submit_url(complaint_kind), data)
    assert response.status_code == 400
    assert "ยินยอม" in response.content.decode()
    assert not ServiceRequest.all_requests.exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"website": "http://spam.example"}, "ช่องที่ต้องเว้นว่าง"),
        ({"form_started": "__fresh__"}, "ส่งเร็วเกิน"),
        ({"form_started": "forged"}, "หมดอายุ"),
        ({"form_started": "__two_days_old__"}, "หมดอายุ"),
        ({"form_started": "__made_older__"}, "หมดอายุ"),
    ],
)
def test_spam_is_refused_with_a_thai_message_that_keeps_the_text_and_stores_nothing(
    client, complaint_kind, change, message
):
    import time

    from services.spam import started_token

    made = {
        "__fresh__": lambda: started_token(),
        "__two_days_old__": lambda: started_token(time.time() - 2 * 24 * 3600),
        # A resident's browser cannot claim the form was shown earlier: the signature no longer fits.
        "__made_older__": lambda: started_token().replace(str(int(time.time()))[:6], "100000", 1),
    }
    if change.get("form_started") in made:
        change = {"form_started": made[change["form_started"]]()}
    response = client.post(submit_url(complaint_kind), {**complaint_post(complaint_kind), **change})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "หลุมลึกประมาณ 30 ซม." in html
    assert not ServiceRequest.all_requests.exists()


def test_the_sixth_post_in_a_minute_from_one_address_is_refused_and_another_resident_still_gets_through(
    client, complaint_kind
):
    url = submit_url(complaint_kind)
    for _ in range(5):
        assert client.post(url, complaint_post(complaint_kind), REMOTE_ADDR="203.0.113.5").status_code == 302
    refused = client.post(url, complaint_post(complaint_kind, subject="ครั้งที่หก"), REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429
    assert "บ่อยเกินไป" in refused.content.decode() and "ครั้งที่หก" in refused.content.decode()
    assert ServiceRequest.all_requests.count() == 5
    assert client.post(url, complaint_post(complaint_kind), REMOTE_ADDR="198.51.100.7").status_code == 302
    assert ServiceRequest.all_requests.count() == 6


def test_an_anonymous_corruption_report_keeps_no_name_address_or_account(client, corruption_kind, superuser):
    client.force_login(superuser)
    data = complaint_data(anonymous="on", name="ไม่ควรเก็บ", phone="0812345678", email="x@example.org")
    response = client.post(submit_url(corruption_kind), data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    report = ServiceRequest.all_requests.get()
    assert report.is_sealed and report.is_anonymous
    assert (report.name, report.phone, report.email, report.address) == ("", "", "", "")
    assert report.submitter_ip is None and report.submitter is None
    assert not ServiceRequest.objects.exists()  # the ordinary manager never sees it
    page = client.get(response["Location"])
    assert "ไม่ประสงค์ออกนาม" in page.content.decode()


def test_a_named_request_keeps_the_address_for_abuse_handling(client, complaint_kind):
    client.post(submit_url(complaint_kind), complaint_post(complaint_kind), REMOTE_ADDR="203.0.113.10")
    assert ServiceRequest.objects.get().submitter_ip == "203.0.113.10"


def test_an_inactive_kind_has_no_form(client, complaint_kind):
    complaint_kind.is_active = False
    complaint_kind.save()
    assert client.get(submit_url(complaint_kind)).status_code == 404


def test_the_form_started_token_is_the_signers_own_and_reads_back(settings):
    from services.spam import _started_signer, form_started_at, started_token

    for moment in (1764723600.0, time.time() - 10, 1.5):
        token = started_token(moment)
        assert token == _started_signer(settings.SECRET_KEY).sign(f"{moment:.3f}")
        assert form_started_at(token) == (round(moment, 3) if time.time() - moment <= 24 * 3600 else None)
    fresh = started_token()
    assert form_started_at(fresh) is not None
    settings.SECRET_KEY = "another-secret-" + "x" * 40  # a new secret: tokens signed with the old one are refused
    assert form_started_at(fresh) is None and form_started_at(started_token()) is not None
