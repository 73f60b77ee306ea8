"""Writes that touch several rows: a request with its photos and first event, a status change with its
history, a follow-up, a survey response. Emails go out through Django's mail (services.notifications)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.fiscal_year import fiscal_year_of
from services import notifications
from services.models import (
    CLOSED_STATUSES,
    RequestEvent,
    RequestPhoto,
    ServiceRequest,
    Status,
    SurveyAnswer,
    SurveyResponse,
    new_tracking_code,
)


def request_submit(*, kind, notice, data, answers, photos, ip_address=None, user=None) -> ServiceRequest:
    """Stores a resident's request; an anonymous one keeps no name, contact, address or account."""
    anonymous = bool(kind.allow_anonymous and data.get("anonymous"))
    now = timezone.now()
    fields = {
        "kind": kind,
        "is_sealed": kind.is_sealed,
        "subject": data["subject"],
        "details": data["details"],
        "answers": answers,
        "latitude": data.get("latitude"),
        "longitude": data.get("longitude"),
        "is_anonymous": anonymous,
        "name": "" if anonymous else data.get("name", ""),
        "phone": "" if anonymous else data.get("phone", ""),
        "email": "" if anonymous else data.get("email", ""),
        "address": "" if anonymous else data.get("address", ""),
        "submitter_ip": None if anonymous else ip_address,
        "submitter": None if anonymous or user is None or not user.is_authenticated else user,
        "consent_notice": notice,
        "consent_version": notice.version,
        "consented_at": now,
        "unit_id": kind.handling_unit_id,
        "due_date": timezone.localdate(now) + datetime.timedelta(days=kind.target_days),
    }
    for _attempt in range(5):
        try:
            with transaction.atomic():
                request = ServiceRequest(tracking_code=new_tracking_code(), **fields)
                request.save()
                for photo in photos:
                    RequestPhoto.objects.create(request=request, image=photo)
                RequestEvent.objects.create(
                    request=request, action=RequestEvent.Action.SUBMITTED, status=Status.RECEIVED, created_at=now
                )
            break
        except IntegrityError:  # a tracking code drawn twice (about once in 10**15): draw again
            continue
    else:
        raise RuntimeError("could not draw a unique tracking code")
    notifications.request_received(request)
    return request


def request_update(*, request, actor, status="", public_reply="", internal_note="", assigned_to=None, unit=None):
    """A clerk's change: status (with its public reply, or the reason for refusing), assignment, note.

    Each part is a step of the history; the resident and the newly assigned clerk are told by email.
    """
    events = []
    now = timezone.now()
    with transaction.atomic():
        locked = ServiceRequest.all_requests.select_for_update().get(pk=request.pk)
        changed_fields = []
        if unit is not None and unit != locked.unit:
            locked.unit = unit
            changed_fields.append("unit")
        if assigned_to is not None and assigned_to.pk != locked.assigned_to_id:
            locked.assigned_to = assigned_to
            changed_fields.append("assigned_to")
            events.append(
                RequestEvent(request=locked, action=RequestEvent.Action.ASSIGNED, assigned_to=assigned_to, actor=actor,
                             created_at=now)
            )  # fmt: skip
        if status and (status != locked.status or public_reply):
            locked.status = status
            changed_fields.append("status")
            if status in CLOSED_STATUSES:
                locked.finished_at = now
                changed_fields.append("finished_at")
                if status == Status.REFUSED:
                    locked.refusal_reason = public_reply
                    changed_fields.append("refusal_reason")
            elif locked.finished_at is not None:
                locked.finished_at = None
                changed_fields.append("finished_at")
            events.append(
                RequestEvent(
                    request=locked,
                    action=RequestEvent.Action.STATUS,
                    status=status,
                    public_reply=public_reply,
                    internal_note=internal_note,
                    actor=actor,
                    created_at=now,
                )
            )
        elif public_reply or internal_note:
            events.append(
                RequestEvent(
                    request=locked,
                    action=RequestEvent.Action.STATUS if public_reply else RequestEvent.Action.NOTE,
                    status=locked.status if public_reply else "",
                    public_reply=public_reply,
                    internal_note=internal_note,
                    actor=actor,
                    created_at=now,
                )
            )
        if changed_fields:
            locked.save(update_fields=[*changed_fields, "updated_at"])
        RequestEvent.objects.bulk_create(events)
    for event in events:
        if event.action == RequestEvent.Action.ASSIGNED:
            notifications.clerk_assigned(locked, event.assigned_to)
        elif event.action == RequestEvent.Action.STATUS:
            notifications.status_changed(locked, event)
    return locked


class RequestClosed(Exception):
    message = "เรื่องนี้ปิดแล้ว ส่งข้อความเพิ่มไม่ได้ หากมีเรื่องใหม่ กรุณายื่นเรื่องใหม่"


def follow_up_add(*, request, message) -> RequestEvent:
    with transaction.atomic():
        locked = ServiceRequest.all_requests.select_for_update().get(pk=request.pk)
        if not locked.is_open:
            raise RequestClosed
        event = RequestEvent.objects.create(request=locked, action=RequestEvent.Action.FOLLOW_UP, message=message)
    notifications.follow_up_received(locked)
    return event


class SurveyAlreadyAnswered(Exception):
    message = "ท่านตอบแบบสำรวจของเรื่องนี้แล้ว ขอบคุณครับ/ค่ะ"


def survey_submit(*, scope, scores, comment, request=None) -> SurveyResponse:
    with transaction.atomic():
        if request is not None and SurveyResponse.objects.filter(request=request).exists():
            raise SurveyAlreadyAnswered
        try:
            response = SurveyResponse.objects.create(
                scope=scope, request=request, comment=comment, fiscal_year=fiscal_year_of(timezone.localdate())
            )
        except IntegrityError as error:
            raise SurveyAlreadyAnswered from error
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(response=response, question=question, score=score) for question, score in scores.items()
        )
    return response
