"""Emails to residents and clerks, in plain text only (what a resident typed can never become markup).

Sent through Django's mail (SMTP settings from the environment, the console in development, the
locmem outbox in tests). A mail server that is down must not lose the request: failures are logged.
Sealed reports: the resident's receipt says nothing of the content; a clerk's mail names only the code.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from core.models import SiteProfile

logger = logging.getLogger(__name__)


def _one_line(text, limit=120):
    """A header value: no line break can smuggle another header in."""
    return " ".join(str(text).split())[:limit]


def _absolute(path):
    base = getattr(settings, "SITE_BASE_URL", "").rstrip("/")
    return f"{base}{path}"


def _send(subject, body, recipients):
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    profile = SiteProfile.current()
    signature = f"\n\n--\n{profile.name}\n{profile.phone}".rstrip() if profile.name else ""
    try:
        send_mail(_one_line(subject), body + signature, None, recipients)
    except Exception:  # the request is stored either way; the clerk sees it in the inbox
        logger.exception("services: could not send email")


def _track_url(request):
    return _absolute(reverse("services:track", kwargs={"code": request.tracking_code}))


def request_received(request):
    _send(
        f"ได้รับเรื่องของท่านแล้ว รหัสติดตามเรื่อง {request.code_display}",
        "\n".join(
            [
                "เรียนผู้แจ้งเรื่อง",
                "",
                f"ได้รับเรื่อง “{request.kind.name}” ของท่านแล้ว",
                f"รหัสติดตามเรื่อง: {request.code_display}",
                f"ติดตามความคืบหน้าได้ที่ {_track_url(request)}",
                "",
                "กรุณาเก็บรหัสนี้ไว้ ผู้ที่มีรหัสนี้จะเห็นความคืบหน้าของเรื่อง",
            ]
        ),
        [request.email],
    )


def status_changed(request, event):
    lines = [
        "เรียนผู้แจ้งเรื่อง",
        "",
        f"เรื่องรหัส {request.code_display} มีความคืบหน้า: {event.get_status_display()}",
    ]
    if event.public_reply:
        lines += ["", "คำตอบจากเจ้าหน้าที่:", event.public_reply]
    lines += ["", f"ดูรายละเอียดได้ที่ {_track_url(request)}"]
    _send(f"ความคืบหน้าเรื่องรหัส {request.code_display}: {event.get_status_display()}", "\n".join(lines), [request.email])


def _admin_url(request):
    name = "admin:services_sealedreport_change" if request.is_sealed else "admin:services_servicerequest_change"
    return _absolute(reverse(name, args=[request.pk]))


def clerk_assigned(request, clerk):
    subject = "มีเรื่องปิดผนึกมอบหมายให้ท่าน" if request.is_sealed else f"มีเรื่องมอบหมายให้ท่าน: {request.subject}"
    lines = ["มีเรื่องจากประชาชนมอบหมายให้ท่านรับผิดชอบ", f"เปิดดูได้ที่ {_admin_url(request)}"]
    if not request.is_sealed:
        lines.insert(1, f"เรื่อง: {request.subject} ({request.kind.name})")
    _send(subject, "\n".join(lines), [clerk.email])


def follow_up_received(request):
    if request.assigned_to_id and request.assigned_to.email:
        _send(
            "ผู้แจ้งส่งข้อความเพิ่มเติม",
            f"ผู้แจ้งส่งข้อความเพิ่มเติมในเรื่องที่ท่านรับผิดชอบ\nเปิดดูได้ที่ {_admin_url(request)}",
            [request.assigned_to.email],
        )
