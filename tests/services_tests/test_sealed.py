"""Corruption reports are sealed: a clerk outside ผู้รับเรื่องทุจริต — a superuser included — cannot list,
open, search or export one, nor reach one from the statistics; members open them, and every opening is
logged."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import CORRUPTION_GROUP
from services.models import SealedAccessLog, SealedReport, ServiceRequest
from tests.services_tests.conftest import make_request

pytestmark = pytest.mark.django_db

ORDINARY_LIST = reverse("admin:services_servicerequest_changelist")
SEALED_LIST = reverse("admin:services_sealedreport_changelist")


@pytest.fixture
def report(corruption_kind):
    return make_request(corruption_kind, subject="นายก อบต. รับเงินใต้โต๊ะ", details="ลับมาก")


@pytest.fixture
def complaint(complaint_kind):
    return make_request(complaint_kind, subject="ถนนพัง")


@pytest.fixture(params=["clerk", "superuser"])
def outsider(request, clerk, superuser):
    return {"clerk": clerk, "superuser": superuser}[request.param]


def test_the_migration_creates_the_group(db):
    assert Group.objects.filter(name=CORRUPTION_GROUP).exists()


def test_an_outsider_does_not_see_it_in_the_ordinary_list_or_its_search(client, outsider, report, complaint):
    client.force_login(outsider)
    listing = client.get(ORDINARY_LIST, {"inbox": "all"})
    assert list(listing.context["cl"].result_list) == [complaint]
    for query in (report.tracking_code, "ใต้โต๊ะ", "ลับมาก"):
        found = client.get(ORDINARY_LIST, {"inbox": "all", "q": query})
        assert list(found.context["cl"].result_list) == []
    assert "ใต้โต๊ะ" not in listing.content.decode()


def test_an_outsider_cannot_open_it_by_any_admin_address(client, outsider, report):
    client.force_login(outsider)
    ordinary_change = client.get(reverse("admin:services_servicerequest_change", args=[report.pk]))
    assert ordinary_change.status_code == 302  # "no such request": the admin goes back to its index
    history = client.get(reverse("admin:services_servicerequest_history", args=[report.pk]))
    assert history.status_code == 302
    assert client.get(SEALED_LIST).status_code == 403
    assert client.get(reverse("admin:services_sealedreport_change", args=[report.pk])).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert SEALED_LIST not in index and "เรื่องแจ้งเบาะแสการทุจริต (ปิดผนึก)" not in index
    assert not SealedAccessLog.objects.exists()


def test_an_outsider_cannot_export_it(client, outsider, report, complaint):
    client.force_login(outsider)
    response = client.post(
        ORDINARY_LIST + "?inbox=all",
        {"action": "export_csv", "_selected_action": [report.pk, complaint.pk], "index": 0},
    )
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and "ถนนพัง" in body
    assert "ใต้โต๊ะ" not in body and report.code_display not in body


def test_the_statistics_drill_down_leads_an_outsider_nowhere(client, outsider, report):
    client.force_login(outsider)
    page = client.get(reverse("services:statistics", kwargs={"scope": "corruption"}))
    assert page.status_code == 200
    assert SEALED_LIST not in page.content.decode()
    assert "ใต้โต๊ะ" not in page.content.decode()
    assert page.context["result"].total.received == 1  # counted, never shown


def test_a_member_lists_opens_and_exports_and_every_opening_is_logged(client, sealed_officer, report, complaint):
    client.force_login(sealed_officer)
    listing = client.get(SEALED_LIST)
    assert listing.status_code == 200 and list(listing.context["cl"].result_list) == [report]
    page = client.get(reverse("admin:services_sealedreport_change", args=[report.pk]))
    assert page.status_code == 200 and "ลับมาก" in page.content.decode()
    client.get(reverse("admin:services_sealedreport_change", args=[report.pk]))
    exported = client.post(SEALED_LIST, {"action": "export_csv", "_selected_action": [report.pk], "index": 0})
    assert "ใต้โต๊ะ" in exported.content.decode("utf-8-sig")
    log = list(SealedAccessLog.objects.order_by("pk").values_list("user__username", "action", "report_id"))
    assert log == [
        ("corruption_officer", "เปิดอ่าน", report.pk),
        ("corruption_officer", "เปิดอ่าน", report.pk),
        ("corruption_officer", "ส่งออก CSV", report.pk),
    ]
    # The ordinary list stays ordinary for members too: sealed reports live in their own list only.
    ordinary = client.get(ORDINARY_LIST, {"inbox": "all"})
    assert list(ordinary.context["cl"].result_list) == [complaint]
    assert (
        client.get(reverse("services:statistics", kwargs={"scope": "corruption"})).content.decode().count(SEALED_LIST)
    )


def test_a_members_change_leaves_nothing_in_djangos_shared_admin_log(client, sealed_officer, report):
    client.force_login(sealed_officer)
    form = {
        "unit": report.unit_id, "assigned_to": sealed_officer.pk, "due_date": "", "new_status": "in_progress",
        "public_reply": "รับเรื่องไว้ตรวจสอบแล้ว", "internal_note": "",
        **{f"{p}-{n}": 0 for p in ("photos", "events") for n in ("TOTAL_FORMS", "INITIAL_FORMS")},
    }  # fmt: skip
    response = client.post(reverse("admin:services_sealedreport_change", args=[report.pk]), form)
    assert response.status_code == 302
    assert not LogEntry.objects.exists()
    report.refresh_from_db()
    assert report.status == "in_progress"
    assert SealedAccessLog.objects.filter(action="บันทึกการดำเนินการ").count() == 1


def test_the_reporter_still_follows_it_by_tracking_code(client, report):
    page = client.get(report.tracking_url())
    assert page.status_code == 200
    assert "ใต้โต๊ะ" not in page.content.decode() and "ลับมาก" not in page.content.decode()


def test_the_ordinary_manager_never_returns_a_sealed_report(report, complaint):
    assert list(ServiceRequest.objects.all()) == [complaint]
    assert not ServiceRequest.objects.filter(pk=report.pk).exists()
    assert list(SealedReport.objects.sealed()) == [SealedReport.objects.get(pk=report.pk)]


def test_the_admins_view_on_site_shortcut_does_not_reveal_a_tracking_code(client, superuser, report):
    from django.contrib.contenttypes.models import ContentType

    client.force_login(superuser)
    content_type = ContentType.objects.get_for_model(ServiceRequest)
    response = client.get(reverse("admin:view_on_site", args=[content_type.pk, report.pk]))
    assert response.status_code == 404
    assert report.tracking_code not in response.get("Location", "")


def test_the_sealed_list_runs_a_constant_number_of_queries(client, sealed_officer, corruption_kind):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    client.force_login(sealed_officer)
    for size in (5, 50):
        ServiceRequest.all_requests.all().delete()
        for _ in range(size):
            make_request(corruption_kind, assigned_to=sealed_officer)
        client.get(SEALED_LIST)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(SEALED_LIST).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_clerk_cannot_put_anyone_in_the_corruption_group(client, clerk, other_clerk, superuser):
    url = reverse("admin:auth_user_change", args=[other_clerk.pk])
    client.force_login(clerk)
    page = client.get(url)
    assert page.status_code == 200 and CORRUPTION_GROUP not in page.content.decode()
    client.force_login(superuser)
    assert CORRUPTION_GROUP in client.get(url).content.decode()
