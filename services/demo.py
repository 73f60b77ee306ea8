"""Sample content for บริการประชาชน: the privacy notice, the request kinds and their questions, survey
questions, a published Q&A, and a few sample requests (clearly marked ตัวอย่าง). Idempotent.

Units are looked up by their slugs through the app registry: this app does not import staff's code.
"""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.roles import corruption_group_ensure
from services.models import (
    Category,
    ClerkUnit,
    KindField,
    PrivacyNotice,
    PublishedQuestion,
    RequestEvent,
    RequestKind,
    ServiceRequest,
    Status,
    SurveyQuestion,
    new_tracking_code,
)

NOTICE_VERSION = "2569-1"
NOTICE_TEXT = "\n\n".join(
    [
        (
            "(ข้อความตัวอย่าง) สำนักงานเก็บข้อมูลที่ท่านกรอกในแบบฟอร์มนี้ ได้แก่ "
            "ชื่อ เบอร์โทรศัพท์ อีเมล ที่อยู่ รายละเอียดเรื่อง และภาพถ่าย "
            "เพื่อรับเรื่อง ติดต่อกลับ และดำเนินการตามเรื่องที่ท่านแจ้งเท่านั้น "
            "ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562"
        ),
        (
            "ข้อมูลจะเปิดเผยเฉพาะเจ้าหน้าที่ผู้รับผิดชอบเรื่อง "
            "และหน่วยงานที่ต้องส่งต่อเรื่องไปดำเนินการ "
            "หน้าติดตามเรื่องแสดงเพียงอักษรตัวแรกของชื่อท่าน "
            "ภาพถ่ายจะถูกลบข้อมูลตำแหน่ง (GPS) ออกก่อนจัดเก็บ"
        ),
        (
            "เรื่องแจ้งเบาะแสการทุจริตเป็นเรื่องปิดผนึก "
            "เปิดอ่านได้เฉพาะเจ้าหน้าที่ผู้รับเรื่องทุจริต หากเลือกไม่ประสงค์ออกนาม "
            "ระบบจะไม่เก็บชื่อ ที่อยู่ IP หรือบัญชีผู้ใช้ของท่าน"
        ),
        ("ข้อมูลจะเก็บไว้ 5 ปีนับจากวันปิดเรื่อง ท่านขอดู แก้ไข หรือขอลบข้อมูลของท่านได้ที่สำนักงาน"),
    ]
)

# slug: (name, category, handling unit slug, target days, anonymous, location, photos, description, fields)
# fields: (label, type, choices, required)
KINDS = [
    ("complaint", "ร้องเรียน/ร้องทุกข์", Category.COMPLAINT, "public-works", 15, False, True, True,
     "แจ้งปัญหาถนนชำรุด ไฟทางดับ น้ำประปา ขยะ หรือเหตุเดือดร้อนรำคาญ",
     [("เรื่องเกี่ยวกับ", KindField.Type.CHOICE, "ถนน\nไฟฟ้าส่องสว่าง\nน้ำประปา\nขยะ\nเหตุเดือดร้อนรำคาญ\nอื่น ๆ", True),
      ("หมู่ที่เกิดเหตุ", KindField.Type.VILLAGE, "", False)]),
    ("corruption", "แจ้งเบาะแสการทุจริตและประพฤติมิชอบ", Category.CORRUPTION, "permanent-secretary", 30, True, False, True,
     "แจ้งเบาะแสการทุจริตหรือการประพฤติมิชอบของเจ้าหน้าที่ เป็นเรื่องปิดผนึก ไม่ประสงค์ออกนามได้",
     [("วันที่เกิดเหตุ (ถ้าทราบ)", KindField.Type.DATE, "", False)]),
    ("water-supply", "ขอน้ำอุปโภค", Category.SERVICE, "public-works", 7, False, True, False,
     "ขอรับน้ำอุปโภคในช่วงขาดแคลนน้ำ",
     [("หมู่ที่", KindField.Type.VILLAGE, "", True), ("จำนวนสมาชิกในครัวเรือน", KindField.Type.TEXT, "", False)]),
    ("water-truck", "ขอรถบรรทุกน้ำ", Category.SERVICE, "public-works", 3, False, True, False,
     "ขอรถบรรทุกน้ำสำหรับงานส่วนรวมหรือเหตุจำเป็น",
     [("วันที่ต้องการ", KindField.Type.DATE, "", True), ("หมู่ที่", KindField.Type.VILLAGE, "", True),
      ("โทรศัพท์ผู้ประสานงาน", KindField.Type.PHONE, "", True)]),
    ("disaster-relief", "ขอความช่วยเหลือสาธารณภัย", Category.SERVICE, "office-of-the-permanent-secretary", 3, False, True,
     True, "ขอความช่วยเหลือเมื่อประสบอุทกภัย วาตภัย อัคคีภัย หรือภัยแล้ง",
     [("ภัยที่ประสบ", KindField.Type.CHOICE, "อุทกภัย\nวาตภัย\nอัคคีภัย\nภัยแล้ง\nอื่น ๆ", True),
      ("หมู่ที่", KindField.Type.VILLAGE, "", True)]),
    ("venue", "ขอใช้สถานที่", Category.SERVICE, "office-of-the-permanent-secretary", 7, False, False, False,
     "ขอใช้ห้องประชุมหรือลานอเนกประสงค์ของ อบต.",
     [("สถานที่", KindField.Type.CHOICE, "ห้องประชุม\nลานอเนกประสงค์", True), ("วันที่ต้องการใช้", KindField.Type.DATE, "", True),
      ("วัตถุประสงค์", KindField.Type.LONG_TEXT, "", True)]),
    ("question", "ถามตอบถึงสำนักงาน", Category.QUESTION, "office-of-the-permanent-secretary", 7, False, False, False,
     "ถามเรื่องที่สงสัยเกี่ยวกับงานของ อบต. คำถามที่เป็นประโยชน์อาจเผยแพร่ (โดยไม่ระบุชื่อ) ในหน้าถามตอบ", []),
]  # fmt: skip

SURVEY = [
    ("ความสะดวกในการยื่นเรื่อง", SurveyQuestion.Scope.BOTH),
    ("ความรวดเร็วในการให้บริการ", SurveyQuestion.Scope.BOTH),
    ("ความชัดเจนของคำตอบจากเจ้าหน้าที่", SurveyQuestion.Scope.AFTER_REQUEST),
    ("ความพึงพอใจต่อการให้บริการโดยรวมในปีนี้", SurveyQuestion.Scope.YEARLY),
]

SAMPLES = [
    # kind slug, subject, status, days ago, reply
    ("complaint", "(ตัวอย่าง) ไฟทางดับหน้าศาลาหมู่บ้าน หมู่ 4", Status.DONE, 40, "เปลี่ยนหลอดไฟเรียบร้อยแล้ว"),
    ("complaint", "(ตัวอย่าง) ถนนลูกรังเป็นหลุม หมู่ 2", Status.IN_PROGRESS, 10, "ส่วนโยธาออกสำรวจแล้ว จะซ่อมภายในเดือนนี้"),
    ("water-truck", "(ตัวอย่าง) ขอรถน้ำงานบุญประจำปี", Status.RECEIVED, 25, ""),
    ("venue", "(ตัวอย่าง) ขอใช้ห้องประชุมจัดอบรมกลุ่มอาชีพ", Status.REFUSED, 60, "ห้องประชุมมีการใช้งานในวันดังกล่าวแล้ว"),
]


FINISHED = (Status.DONE, Status.REFUSED)


def _units():
    Unit = apps.get_model("staff", "Unit")
    return {unit.slug: unit for unit in Unit.objects.all()}


def load(stdout=None):
    units = _units()
    notice = PrivacyNotice.objects.filter(version=NOTICE_VERSION).first()
    if notice is None:
        notice = PrivacyNotice.objects.create(version=NOTICE_VERSION, text=NOTICE_TEXT, is_current=True)
    kinds = {}
    for order, (slug, name, category, unit, days, anonymous, location, photos, description, fields) in enumerate(KINDS):
        kind, created = RequestKind.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name, "category": category, "handling_unit": units.get(unit), "target_days": days,
                "allow_anonymous": anonymous, "ask_location": location, "ask_photos": photos,
                "description": description, "order": order * 10,
            },
        )  # fmt: skip
        kinds[slug] = kind
        if created:
            for field_order, (label, field_type, choices, required) in enumerate(fields):
                KindField.objects.create(
                    kind=kind, label=label, field_type=field_type, choices=choices, required=required, order=field_order
                )
    for order, (text, scope) in enumerate(SURVEY):
        SurveyQuestion.objects.get_or_create(text=text, defaults={"scope": scope, "order": order})
    PublishedQuestion.objects.get_or_create(
        question="(ตัวอย่าง) ขอรถบรรทุกน้ำต้องเสียค่าใช้จ่ายหรือไม่",
        defaults={
            "answer": "ไม่เสียค่าใช้จ่ายสำหรับงานส่วนรวมและเหตุขาดแคลนน้ำ ยื่นคำร้องล่วงหน้าอย่างน้อย 3 วัน",
            "is_published": True,
            # To the minute, as the admin's date and time fields show it: saving it again changes nothing.
            "published_at": timezone.now().replace(second=0, microsecond=0),
        },
    )

    corruption_group_ensure()
    clerk = get_user_model().objects.filter(username="clerk_demo").first()
    if clerk is not None:
        for slug in ("public-works", "office-of-the-permanent-secretary"):
            if slug in units:
                ClerkUnit.objects.get_or_create(user=clerk, unit=units[slug])

    if not ServiceRequest.all_requests.filter(subject__startswith="(ตัวอย่าง)").exists():
        now = timezone.now()
        for slug, subject, status, days_ago, reply in SAMPLES:
            kind = kinds[slug]
            created_at = now - datetime.timedelta(days=days_ago)
            request = ServiceRequest.objects.create(
                kind=kind, tracking_code=new_tracking_code(), is_sealed=kind.is_sealed, status=status, subject=subject,
                details="(ข้อมูลตัวอย่าง ไม่ใช่เรื่องจริง)", name="สมมติ ตัวอย่าง", consent_notice=notice,
                consent_version=notice.version, consented_at=created_at, unit=kind.handling_unit,
                due_date=(created_at + datetime.timedelta(days=kind.target_days)).date(),
                finished_at=created_at + datetime.timedelta(days=5) if status in FINISHED else None,
            )  # fmt: skip
            ServiceRequest.all_requests.filter(pk=request.pk).update(created_at=created_at)
            RequestEvent.objects.create(request=request, action=RequestEvent.Action.SUBMITTED, status=Status.RECEIVED,
                                        created_at=created_at)  # fmt: skip
            if status != Status.RECEIVED:
                step = datetime.timedelta(days=2 if status == Status.IN_PROGRESS else 5)
                RequestEvent.objects.create(
                    request=request, action=RequestEvent.Action.STATUS, status=status, public_reply=reply,
                    actor=clerk, created_at=created_at + step,
                )  # fmt: skip
    if stdout:
        stdout.write("services: ประเภทเรื่อง แบบสำรวจ และเรื่องตัวอย่าง พร้อมแล้ว")
