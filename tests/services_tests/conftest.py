"""Shared set-up for บริการประชาชน: a unit, kinds, a privacy notice, clerks, and a helper that posts a form
the way a person would (shown long enough ago, hidden field empty)."""

import io
import time

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from PIL import Image

from accounts.roles import CLERK_GROUP, CORRUPTION_GROUP
from services.models import Category, ClerkUnit, KindField, PrivacyNotice, RequestKind
from services.spam import started_token


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unit(db):
    Unit = apps.get_model("staff", "Unit")
    return Unit.objects.create(name="ส่วนโยธา", slug="public-works-test", side="permanent")


@pytest.fixture
def other_unit(db):
    Unit = apps.get_model("staff", "Unit")
    return Unit.objects.create(name="ส่วนการคลัง", slug="finance-test", side="permanent")


@pytest.fixture
def notice(db):
    return PrivacyNotice.objects.create(version="2569-1", text="ประกาศทดสอบ", is_current=True)


@pytest.fixture
def complaint_kind(db, unit, notice):
    kind = RequestKind.objects.create(
        name="ร้องเรียนเรื่องถนน", slug="road", category=Category.COMPLAINT, handling_unit=unit, target_days=15,
        ask_location=True,
    )  # fmt: skip
    KindField.objects.create(kind=kind, label="หมู่ที่", field_type=KindField.Type.VILLAGE, required=True, order=1)
    KindField.objects.create(
        kind=kind, label="เรื่องเกี่ยวกับ", field_type=KindField.Type.CHOICE, choices="ถนน\nไฟฟ้า", required=True, order=2
    )
    return kind


@pytest.fixture
def corruption_kind(db, unit, notice):
    return RequestKind.objects.create(
        name="แจ้งเบาะแสการทุจริต", slug="corruption", category=Category.CORRUPTION, handling_unit=unit, target_days=30,
        allow_anonymous=True,
    )  # fmt: skip


def _staff(username, *groups, superuser=False):
    user = User.objects.create_user(username, email=f"{username}@example.org", password="pw", is_staff=True,
                                    is_superuser=superuser)  # fmt: skip
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def clerk(db, unit):
    user = _staff("clerk_unit", CLERK_GROUP)
    ClerkUnit.objects.create(user=user, unit=unit)
    return user


@pytest.fixture
def other_clerk(db, other_unit):
    user = _staff("clerk_other", CLERK_GROUP)
    ClerkUnit.objects.create(user=user, unit=other_unit)
    return user


@pytest.fixture
def sealed_officer(db, unit):
    return _staff("corruption_officer", CLERK_GROUP, CORRUPTION_GROUP)


@pytest.fixture
def superuser(db):
    return _staff("root", superuser=True)


def image_file(name="photo.jpg", fmt="JPEG", exif_gps=False):
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    output = io.BytesIO()
    kwargs = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "TestCamera"  # Make
        exif[0x8825] = {1: "N", 2: (16.0, 54.0, 44.0)}  # GPSInfo
        kwargs["exif"] = exif
    image.save(output, fmt, **kwargs)
    output.seek(0)
    output.name = name
    return output


def complaint_data(**overrides):
    data = {
        "subject": "ถนนเป็นหลุมหน้าบ้าน",
        "details": "หลุมลึกประมาณ 30 ซม. รถจักรยานยนต์ล้มแล้วสองคัน",
        "name": "สมชาย ใจดี",
        "phone": "081 234 5678",
        "email": "somchai@example.org",
        "address": "12 หมู่ 4",
        "consent": "on",
        "website": "",
        "form_started": started_token(time.time() - 30),
    }
    data.update(overrides)
    return data


def field_names(kind):
    return {field.label: f"field_{field.pk}" for field in kind.fields.all()}


def complaint_post(kind, **overrides):
    names = field_names(kind)
    data = complaint_data(**{names["หมู่ที่"]: "4", names["เรื่องเกี่ยวกับ"]: "ถนน"})
    data.update(overrides)
    return data


def make_request(kind, *, created_at=None, status=None, finished_at=None, due_date=None, **fields):
    """A request as a resident's form would store it, dated as a test needs."""
    from django.utils import timezone

    from services.models import ServiceRequest, Status, new_tracking_code

    notice = PrivacyNotice.current() or PrivacyNotice.objects.create(version="t", text="t", is_current=True)
    values = {
        "subject": "เรื่องทดสอบ",
        "details": "รายละเอียด",
        "name": "สมหญิง ทดสอบ",
        "consent_notice": notice,
        "consent_version": notice.version,
        "consented_at": timezone.now(),
        "unit_id": kind.handling_unit_id,
        **fields,
    }
    item = ServiceRequest(
        kind=kind, tracking_code=new_tracking_code(), is_sealed=kind.is_sealed, status=status or Status.RECEIVED,
        finished_at=finished_at, due_date=due_date, **values,
    )  # fmt: skip
    item.save()
    if created_at is not None:
        ServiceRequest.all_requests.filter(pk=item.pk).update(created_at=created_at)
        item.created_at = created_at
    return item
