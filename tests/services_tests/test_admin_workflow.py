"""The clerks' workflow in the admin: an inbox per unit with overdue requests first, assignment, status
changes with a public reply and an internal note, the history, and emails to the resident and the clerk."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from services.models import RequestEvent, ServiceRequest, Status
from tests.services_tests.conftest import make_request

pytestmark = pytest.mark.django_db
INBOX = reverse("admin:services_servicerequest_changelist")


def change_url(item):
    return reverse("admin:services_servicerequest_change", args=[item.pk])


def test_a_clerk_sees_their_units_requests_by_default_overdue_first(client, clerk, complaint_kind, other_unit):
    today = timezone.localdate()
    recent = make_request(complaint_kind, subject="เรื่องใหม่", due_date=today + datetime.timedelta(days=10))
    overdue = make_request(complaint_kind, subject="เรื่องเกินกำหนด", due_date=today - datetime.timedelta(days=2))
    elsewhere = make_request(complaint_kind, subject="เรื่องของหน่วยอื่น", unit_id=other_unit.pk)
    client.force_login(clerk)
    response = client.get(INBOX)
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows == [overdue, recent]
    assert elsewhere not in rows
    assert "เกินกำหนด" in response.content.decode()
    everything = client.get(INBOX, {"inbox": "all"})
    assert elsewhere in list(everything.context["cl"].result_list)


def test_the_clerk_assigns_replies_and_finishes_and_every_step_is_in_the_history(client, clerk, complaint_kind):
    item = make_request(complaint_kind, email="resident@example.org")
    client.force_login(clerk)
    form = {
        "unit": item.unit_id,
        "assigned_to": clerk.pk,
        "due_date": "",
        "new_status": Status.IN_PROGRESS,
        "public_reply": "รับเรื่องแล้ว กำลังส่งช่าง",
        "internal_note": "ใช้งบซ่อมบำรุง",
        # The read-only history and photos still send their (empty) management forms.
        **{f"{prefix}-{name}": 0 for prefix in ("photos", "events") for name in ("TOTAL_FORMS", "INITIAL_FORMS")},
    }
    response = client.post(change_url(item), form)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS and item.assigned_to == clerk
    actions = list(item.events.values_list("action", "actor__username"))
    assert (RequestEvent.Action.ASSIGNED, "clerk_unit") in actions and (
        RequestEvent.Action.STATUS,
        "clerk_unit",
    ) in actions
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["clerk_unit@example.org", "resident@example.org"]
    resident_mail = next(m for m in mail.outbox if m.to == ["resident@example.org"])
    assert "รับเรื่องแล้ว กำลังส่งช่าง" in resident_mail.body and "ใช้งบซ่อมบำรุง" not in resident_mail.body

    mail.outbox.clear()
    refused = client.post(change_url(item), {**form, "new_status": Status.DONE, "public_reply": ""})
    assert refused.status_code == 200 and "กรุณาเขียนคำตอบถึงผู้แจ้ง" in refused.content.decode()
    done = client.post(change_url(item), {**form, "new_status": Status.DONE, "public_reply": "ซ่อมเสร็จแล้ว"})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.DONE and item.finished_at is not None
    assert [m.to for m in mail.outbox] == [["resident@example.org"]]
    page = client.get(change_url(item)).content.decode()
    for text in ("ประวัติการดำเนินการ", "ใช้งบซ่อมบำรุง", "ซ่อมเสร็จแล้ว", "clerk_unit"):
        assert text in page


def test_clerks_cannot_add_or_delete_requests(client, clerk, complaint_kind):
    item = make_request(complaint_kind)
    client.force_login(clerk)
    assert client.get(reverse("admin:services_servicerequest_add")).status_code == 403
    assert client.get(reverse("admin:services_servicerequest_delete", args=[item.pk])).status_code == 403


@pytest.mark.parametrize("url_name", ["inbox", "change"])
def test_admin_pages_run_a_constant_number_of_queries(client, clerk, complaint_kind, url_name):
    counts = []
    for size in (5, 50):
        ServiceRequest.all_requests.all().delete()
        items = [make_request(complaint_kind, assigned_to=clerk) for _ in range(size)]
        for item in items[:3]:
            RequestEvent.objects.create(
                request=item, action=RequestEvent.Action.STATUS, status=Status.DONE, actor=clerk
            )
        client.force_login(clerk)
        url = INBOX if url_name == "inbox" else change_url(items[0])
        client.get(url)  # warm the session and the content types
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
