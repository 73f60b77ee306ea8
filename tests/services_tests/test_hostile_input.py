"""Hostile text and files in every field come out inert in the public pages, the admin, the emails and
the CSV; never a 500."""

import io

import pytest
from django.core import mail
from django.urls import reverse

from services import services
from services.models import KindField, ServiceRequest, Status
from tests.services_tests.conftest import complaint_post, image_file

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = f"{SCRIPT}{IMG}\r\nBcc: victim@example.org\u202e"


@pytest.fixture
def hostile_kind(complaint_kind):
    complaint_kind.name = f"ร้องเรียน {SCRIPT}"
    complaint_kind.description = IMG
    complaint_kind.save()
    KindField.objects.create(kind=complaint_kind, label=f"คำถาม {SCRIPT}", help_text=IMG, order=9)
    return complaint_kind


def assert_inert(html):
    assert SCRIPT not in html
    assert "<img src=x" not in html
    assert "onerror=alert" not in html or "&lt;img" in html or "&quot;&gt;&lt;img" in html


def test_hostile_text_everywhere_is_inert_and_nothing_fails(client, hostile_kind, clerk, other_clerk):
    url = reverse("services:submit", kwargs={"slug": hostile_kind.slug})
    form_page = client.get(url)
    assert form_page.status_code == 200
    assert_inert(form_page.content.decode())
    hostile_field = f"field_{hostile_kind.fields.get(label__startswith='คำถาม').pk}"
    data = complaint_post(
        hostile_kind, subject=HOSTILE[:200], details=HOSTILE, name=HOSTILE[:150], address=HOSTILE[:300],
        phone="081 234 5678", email="resident@example.org", **{hostile_field: HOSTILE[:300]},
    )  # fmt: skip
    data["photo_1"] = image_file(name=f"{IMG}.jpg")
    response = client.post(url, data)
    assert response.status_code == 302
    item = ServiceRequest.objects.get()

    # Public pages
    assert_inert(client.get(item.tracking_url()).content.decode())

    # The office replies with hostile text too (a pasted message)
    services.request_update(
        request=item, actor=clerk, status=Status.DONE, public_reply=HOSTILE, assigned_to=other_clerk
    )
    track = client.get(item.tracking_url())
    assert track.status_code == 200
    assert_inert(track.content.decode())

    # Admin: list, change page
    client.force_login(clerk)
    for page_url in (
        reverse("admin:services_servicerequest_changelist") + "?inbox=all",
        reverse("admin:services_servicerequest_change", args=[item.pk]),
        reverse("admin:services_requestkind_change", args=[hostile_kind.pk]),
    ):
        page = client.get(page_url)
        assert page.status_code == 200, page_url
        assert_inert(page.content.decode())

    # Emails: plain text, and a header cannot be smuggled in
    assert mail.outbox
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert message.bcc == []
        assert not getattr(message, "alternatives", [])  # no HTML part at all

    # CSV: a formula cannot run
    csv_response = client.post(
        reverse("admin:services_servicerequest_changelist") + "?inbox=all",
        {"action": "export_csv", "_selected_action": [item.pk], "index": 0},
    )
    assert csv_response.status_code == 200


def test_a_csv_cell_that_looks_like_a_formula_is_neutralised(client, complaint_kind, clerk):
    url = reverse("services:submit", kwargs={"slug": complaint_kind.slug})
    client.post(url, complaint_post(complaint_kind, subject='=HYPERLINK("http://evil","x")'))
    item = ServiceRequest.objects.get()
    client.force_login(clerk)
    body = client.post(
        reverse("admin:services_servicerequest_changelist") + "?inbox=all",
        {"action": "export_csv", "_selected_action": [item.pk], "index": 0},
    ).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body


@pytest.mark.parametrize(
    "name, content",
    [
        ("photo.jpg", b"GIF89a<script>alert(1)</script>"),
        ("photo.html", None),
        ("photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("photo.jpg", b""),
    ],
)
def test_hostile_uploads_are_refused_in_thai_and_nothing_is_stored(client, complaint_kind, name, content):
    upload = image_file() if content is None else io.BytesIO(content)
    upload.name = name
    response = client.post(
        reverse("services:submit", kwargs={"slug": complaint_kind.slug}),
        {**complaint_post(complaint_kind), "photo_1": upload},
    )
    assert response.status_code == 400
    assert "ภาพ" in response.content.decode()
    assert not ServiceRequest.all_requests.exists()


def test_absurd_input_never_fails(client, complaint_kind):
    url = reverse("services:submit", kwargs={"slug": complaint_kind.slug})
    for data in (
        {},
        {"subject": "x" * 10_000, "details": "y" * 100_000, "form_started": "a" * 5000},
        {**complaint_post(complaint_kind), "latitude": "abc", "longitude": "1e999"},
        {**complaint_post(complaint_kind), "email": "not-an-email", "phone": "<b>"},
    ):
        assert client.post(url, data).status_code in (400, 429)
    for code in ("%00", "a" * 500, "../../etc/passwd", "<script>"):
        assert client.get(reverse("services:track_lookup"), {"code": code}).status_code in (400, 404, 429)
    assert client.get(reverse("services:statistics", kwargs={"scope": "services"}), {"year": "abc"}).status_code == 200
    assert client.get(reverse("services:questions"), {"q": "%' OR 1=1 --", "page": "-1"}).status_code == 200
