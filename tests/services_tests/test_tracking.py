"""Tracking: codes nobody can guess or derive, one answer for every wrong code, a rate limit, and a
timeline that shows the office's replies and never more of the resident than the name's first letter."""

import re

import pytest
from django.urls import reverse

from services import services
from services.models import (
    TRACKING_ALPHABET,
    TRACKING_LENGTH,
    RequestEvent,
    ServiceRequest,
    Status,
    new_tracking_code,
    normalise_tracking_code,
)
from tests.services_tests.conftest import complaint_post

pytestmark = pytest.mark.django_db


def test_ten_thousand_codes_are_unique_well_formed_and_not_derivable_from_one_another():
    codes = [new_tracking_code() for _ in range(10_000)]
    assert len(set(codes)) == 10_000
    assert all(len(code) == TRACKING_LENGTH and set(code) <= set(TRACKING_ALPHABET) for code in codes)
    # Not a sequence: consecutive codes share no more characters in place than chance (1/32 each).
    same_place = sum(
        a == b for first, second in zip(codes, codes[1:], strict=False) for a, b in zip(first, second, strict=True)
    )
    assert same_place / (len(codes) * TRACKING_LENGTH) < 0.05
    # No code is another plus one, or a shared prefix that grows: numeric distance is spread, not small.
    as_numbers = sorted(int(code.translate(str.maketrans(TRACKING_ALPHABET, TRACKING_ALPHABET)), 36) for code in codes)
    gaps = [b - a for a, b in zip(as_numbers, as_numbers[1:], strict=False)]
    assert min(gaps) > 1
    # Every character is used in every position (drawn uniformly from the CSPRNG, not from a counter).
    for position in range(TRACKING_LENGTH):
        assert {code[position] for code in codes} == set(TRACKING_ALPHABET)


def test_a_code_is_read_the_way_a_resident_types_it():
    assert normalise_tracking_code("abcde-12345") == "ABCDE12345"
    assert normalise_tracking_code(" ab cde 1234o ") == "ABCDE12340"
    assert normalise_tracking_code("short") == ""
    assert normalise_tracking_code("ABCDE1234U") == ""


@pytest.fixture
def filed(client, complaint_kind):
    client.post(reverse("services:submit", kwargs={"slug": complaint_kind.slug}), complaint_post(complaint_kind))
    return ServiceRequest.objects.get()


def test_a_wrong_code_answers_exactly_like_a_missing_one(client, filed):
    wrong_format = client.get(reverse("services:track", kwargs={"code": "NOT-A-CODE"}))
    unknown = client.get(reverse("services:track", kwargs={"code": "ABCDE12345"}))
    assert wrong_format.status_code == unknown.status_code == 404
    # The page's own address (og:url) differs, as it does for any two URLs; nothing else may.
    # So does the display tools' way back to this page (?next=).
    strip = lambda html: re.sub(r'<meta property="og:url"[^>]+>|next=[^"&]*', "", html)  # noqa: E731
    assert strip(wrong_format.content.decode()) == strip(unknown.content.decode())
    looked_up = client.get(reverse("services:track_lookup"), {"code": "ZZZZZ-ZZZZZ"})
    assert looked_up.status_code == 404 and "ไม่พบเรื่องตามรหัสนี้" in looked_up.content.decode()


def test_unknown_codes_are_rate_limited_per_address(client, filed):
    url = reverse("services:track_lookup")
    for _ in range(10):
        assert client.get(url, {"code": "ZZZZZ-ZZZZZ"}, REMOTE_ADDR="203.0.113.20").status_code == 404
    limited = client.get(url, {"code": "ZZZZZ-ZZZZY"}, REMOTE_ADDR="203.0.113.20")
    assert limited.status_code == 429 and "บ่อยเกินไป" in limited.content.decode()
    # Another address looks its own code up as usual.
    found = client.get(url, {"code": filed.code_display.lower()}, REMOTE_ADDR="198.51.100.20")
    assert found.status_code == 302 and found["Location"] == filed.tracking_url()


def test_the_timeline_shows_each_step_in_the_buddhist_era_with_the_public_reply_not_the_internal_note(
    client, filed, clerk
):
    services.request_update(request=filed, actor=clerk, status=Status.IN_PROGRESS, public_reply="ส่งช่างไปดูแล้ว",
                            internal_note="ช่างสมศักดิ์ รับผิดชอบ")  # fmt: skip
    services.request_update(request=filed, actor=clerk, status=Status.DONE, public_reply="ซ่อมเสร็จแล้ว")
    html = client.get(filed.tracking_url()).content.decode()
    for text in ("รับเรื่อง", "กำลังดำเนินการ", "ส่งช่างไปดูแล้ว", "เสร็จสิ้น", "ซ่อมเสร็จแล้ว", "25"):
        assert text in html
    assert re.search(r"25[6-9]\d", html), "years are in the Buddhist era"
    assert "ช่างสมศักดิ์" not in html
    # Personal data: the first letter of the name only.
    assert "ส." in html
    for private in ("สมชาย", "ใจดี", "081 234 5678", "somchai@example.org", "12 หมู่ 4", "หลุมลึก"):
        assert private not in html


def test_a_refusal_shows_its_reason(client, filed, clerk):
    services.request_update(request=filed, actor=clerk, status=Status.REFUSED, public_reply="อยู่นอกเขตตำบล")
    html = client.get(filed.tracking_url()).content.decode()
    assert "ไม่รับเรื่อง" in html and "เหตุผล" in html and "อยู่นอกเขตตำบล" in html


def test_the_resident_adds_a_follow_up_to_an_open_request_but_not_to_a_closed_one(client, filed, clerk):
    import time

    from services.spam import started_token

    url = reverse("services:follow_up", kwargs={"code": filed.tracking_code})
    data = {"message": "หลุมใหญ่ขึ้นหลังฝนตก", "website": "", "form_started": started_token(time.time() - 10)}
    assert client.post(url, data).status_code == 302
    assert filed.events.filter(action=RequestEvent.Action.FOLLOW_UP, message="หลุมใหญ่ขึ้นหลังฝนตก").exists()
    services.request_update(request=filed, actor=clerk, status=Status.DONE, public_reply="เสร็จ")
    page = client.get(filed.tracking_url()).content.decode()
    assert "ส่งข้อความเพิ่มเติม</h2>" not in page
    client.post(url, data)
    assert filed.events.filter(action=RequestEvent.Action.FOLLOW_UP).count() == 1
