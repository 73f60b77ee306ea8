"""Demo content for the discussion board: three fictional accounts, three boards, a few conversations.

Accounts with known passwords exist only for local use: they are created with a password only when
settings.DEBUG is True (``make run``). Anywhere else (production, the test suite) the demo accounts get
an unusable password, and a demo account still carrying its known password is locked the same way.
A clerk sets a real password in the admin (or ``manage.py changepassword``) before anyone uses them.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from forum import services
from forum.models import Board, Post, Topic
from forum.permissions import MEMBER_GROUP
from forum.roles import clerk_group_ensure

DEMO_NOTE = "(ข้อมูลตัวอย่าง)"

ACCOUNTS = [
    # username, first name, last name, role, local-only password
    ("council_demo1", "สมมติ", "ใจดี (สมาชิกสภา ตัวอย่าง)", "member", "demo-council1-2569"),
    ("council_demo2", "ตัวอย่าง", "รักถิ่น (สมาชิกสภา ตัวอย่าง)", "member", "demo-council2-2569"),
    ("clerk_demo", "สมมุติ", "ดูแลดี (เจ้าหน้าที่ ตัวอย่าง)", "clerk", "demo-clerk-2569"),
]

BOARDS = [
    ("council-meetings", "ประชุมสภา", "วาระและผลการประชุมสภาองค์การบริหารส่วนตำบล ความเห็นของสมาชิกสภา", 10),
    ("project-proposals", "ข้อเสนอโครงการ", "ข้อเสนอโครงการพัฒนาจากสมาชิกสภาแต่ละหมู่บ้าน เพื่อพิจารณาเข้าแผนพัฒนาตำบล", 20),
    ("questions", "ถาม-ตอบ", "คำถามเรื่องงานบริการของหน่วยงาน ตอบโดยเจ้าหน้าที่และสมาชิกสภา", 30),
]

# (board slug, title, author, days ago, pinned, locked, opening text, [(author, hours after, text, quotes reply #)])
TOPICS = [
    (
        "questions",
        "กติกาการใช้กระดานสนทนา (โปรดอ่านก่อนตั้งกระทู้)",
        "clerk_demo",
        30,
        True,
        True,
        f"{DEMO_NOTE}\nกระดานนี้เป็นพื้นที่ของสมาชิกสภาและเจ้าหน้าที่ ประชาชนทุกคนอ่านได้\n\n"
        "1. ใช้ถ้อยคำสุภาพ ไม่พาดพิงบุคคลให้เสียหาย\n2. ตั้งกระทู้ให้ตรงห้อง\n"
        "3. ข้อความแก้ไขได้ภายใน 30 นาทีหลังส่ง\n4. ผู้ดูแลอาจซ่อนข้อความที่ไม่เหมาะสม พร้อมบันทึกเหตุผล",
        [],
    ),
    (
        "council-meetings",
        "วาระการประชุมสภาสมัยสามัญ สมัยที่ 4 (ตัวอย่าง)",
        "clerk_demo",
        6,
        False,
        False,
        f"{DEMO_NOTE}\nขอแจ้งวาระการประชุมเบื้องต้น\n- รับรองรายงานการประชุมครั้งที่แล้ว\n"
        "- พิจารณาโอนงบประมาณซ่อมถนนลูกรังหมู่ 2\n- เรื่องอื่น ๆ\n\nสมาชิกท่านใดมีเรื่องเสนอเพิ่ม เชิญตอบในกระทู้นี้ครับ",
        [
            ("council_demo1", 3, "ขอเสนอเพิ่มเรื่องไฟส่องสว่างทางเข้าหมู่บ้าน หมู่ 4 ช่วงริมแม่น้ำมืดมากครับ", None),
            ("council_demo2", 5, "เห็นด้วยค่ะ และขอให้พิจารณาการขุดลอกคูระบายน้ำก่อนฤดูฝนด้วย", 1),
            ("clerk_demo", 20, "รับเรื่องทั้งสองไว้เป็นวาระที่ 4.1 และ 4.2 แล้วครับ เอกสารประกอบจะแจกก่อนวันประชุม 3 วัน", None),
        ],
    ),
    (
        "project-proposals",
        "เสนอโครงการลานตากผลผลิตการเกษตรชุมชน",
        "council_demo1",
        3,
        False,
        False,
        f"{DEMO_NOTE}\nเกษตรกรหลายครัวเรือนตากข้าวบนถนน เสี่ยงอุบัติเหตุ ขอเสนอลานตากผลผลิตบนที่สาธารณะของหมู่บ้าน\n"
        "ประมาณการเบื้องต้น 250,000 บาท รายละเอียดการคำนวณดูได้ที่ https://example.org/proposal-demo",
        [
            ("council_demo2", 2, "หมู่บ้านของดิฉันก็มีปัญหาเดียวกันค่ะ ถ้าทำได้ขอให้มีหลังคาบางส่วนกันฝนด้วย", None),
            ("council_demo1", 4, "ข้อความทดสอบซ้ำ", None),
            ("clerk_demo", 26, "กองช่างจะสำรวจพื้นที่และแจ้งราคากลางในการประชุมครั้งหน้าครับ", 1),
        ],
    ),
    (
        "questions",
        "ขั้นตอนยื่นคำร้องขอรถน้ำช่วงหน้าแล้ง",
        "council_demo2",
        1,
        False,
        False,
        f"{DEMO_NOTE}\nชาวบ้านถามมาว่าถ้าน้ำประปาหมู่บ้านไม่พอใช้ช่วงหน้าแล้ง ต้องยื่นคำร้องขอรถน้ำอย่างไร ใช้เอกสารอะไรบ้างคะ",
        [
            ("clerk_demo", 1, "ยื่นคำร้องที่สำนักงานได้ในวันและเวลาราชการ ใช้สำเนาบัตรประชาชนและระบุจุดที่ต้องการรับน้ำครับ", None),
        ],
    ),
]
# The reply that shows what a hidden post looks like: (topic title, reply #, reason).
HIDDEN = ("เสนอโครงการลานตากผลผลิตการเกษตรชุมชน", 2, "ข้อความทดสอบซ้ำ (ตัวอย่างการซ่อนข้อความโดยผู้ดูแล)")


def _account(username, first_name, last_name, role, password):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "is_staff": role == "clerk"},
    )
    if created:
        if settings.DEBUG:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    elif not settings.DEBUG and user.has_usable_password() and user.check_password(password):
        # Never leave an account with a published password on a non-development site.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if role == "member":
        user.groups.add(Group.objects.get_or_create(name=MEMBER_GROUP)[0])
    else:
        # The same group a real clerk is put in: what the demo clerk may do is what a clerk may do.
        user.groups.add(clerk_group_ensure())
    return user


def _backdate(post, when):
    Post.objects.filter(pk=post.pk).update(created_at=when)


def load(stdout=None):
    users = {row[0]: _account(*row) for row in ACCOUNTS}
    boards = {}
    for slug, title, description, order in BOARDS:
        boards[slug], _ = Board.objects.get_or_create(
            slug=slug, defaults={"title": title, "description": description, "order": order}
        )

    now = timezone.now().replace(second=0, microsecond=0)
    for slug, title, author, days_ago, pinned, locked, body, replies in TOPICS:
        board = boards[slug]
        if Topic.objects.filter(board=board, title=title).exists():
            continue  # made by an earlier run, possibly edited by a clerk since: left alone
        opened_at = now - timedelta(days=days_ago)
        opening = services.topic_create(
            board=board, author=users[author], title=title, body=body, rate_limit=False
        ).post
        topic = opening.topic
        _backdate(opening, opened_at)
        Topic.objects.filter(pk=topic.pk).update(created_at=opened_at, is_pinned=pinned)
        made = [opening]
        for number, (reply_author, hours_after, text, quotes) in enumerate(replies, start=1):
            quoted = made[quotes] if quotes is not None else None
            reply = services.post_reply(
                topic=topic, author=users[reply_author], body=text, quoted_post=quoted, rate_limit=False
            ).post
            _backdate(reply, opened_at + timedelta(hours=hours_after))
            made.append(reply)
            if (title, number) == HIDDEN[:2]:
                services.post_hide(post=reply, moderator=users["clerk_demo"], reason=HIDDEN[2])
        services.topic_recount(topic=topic)
        if locked:
            Topic.objects.filter(pk=topic.pk).update(is_locked=True)

    if stdout:
        stdout.write("forum: ห้องสนทนา กระทู้ และบัญชีตัวอย่างพร้อมแล้ว")
        if settings.DEBUG:
            stdout.write("  บัญชีตัวอย่างสำหรับใช้ในเครื่องนี้เท่านั้น (เข้าสู่ระบบที่ /accounts/login/):")
            for username, _first, _last, role, password in ACCOUNTS:
                label = "เจ้าหน้าที่ อบต.: ดูแลเนื้อหาและบัญชีผู้ใช้ที่ /admin/" if role == "clerk" else "สมาชิกสภา"
                stdout.write(f"    {username} / {password}  ({label})")
        else:
            stdout.write(
                "  บัญชีตัวอย่าง (council_demo1, council_demo2, clerk_demo) ไม่มีรหัสผ่านที่ใช้ได้ "
                "เพราะไม่ได้อยู่ในโหมดพัฒนา (DEBUG) ตั้งรหัสผ่านด้วย manage.py changepassword ก่อนใช้"
            )
