"""Demo content for the discussion board: three boards and a few conversations between the demo accounts."""

from datetime import timedelta

from django.utils import timezone

from accounts.demo import demo_accounts
from forum import services
from forum.models import Board, Post, Topic

DEMO_NOTE = "(ข้อมูลตัวอย่าง)"

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


def _backdate(post, when):
    Post.objects.filter(pk=post.pk).update(created_at=when)


def load(stdout=None):
    users = demo_accounts()
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
        stdout.write("forum: ห้องสนทนาและกระทู้ตัวอย่าง พร้อมแล้ว")
