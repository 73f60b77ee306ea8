"""Demo content for the organisation: a complete, plausible SAO with fictional people.

Every name ends in "(ชื่อสมมติ)" and every portrait is a drawn silhouette: nothing here is a real person.
A second run changes nothing and creates nothing.
"""

import datetime
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from staff.models import Person, Position, Unit

FICTIONAL = "(ชื่อสมมติ)"
PHOTO_ALT = "ภาพตัวอย่าง ไม่ใช่ภาพบุคคลจริง"
ELECTED_ON = datetime.date(2021, 11, 28)
POLITICAL, PERMANENT = Unit.Side.POLITICAL, Unit.Side.PERMANENT
Role = Position.Role
HEAD, DEPUTY, SECRETARY, MEMBER = Role.HEAD, Role.DEPUTY, Role.SECRETARY, Role.MEMBER

DUTIES = {
    "executives": """
<p>คณะผู้บริหารมีหน้าที่บริหารกิจการขององค์การบริหารส่วนตำบลตามนโยบายที่แถลงต่อสภา (ข้อความตัวอย่าง)</p>
<ul>
<li>กำหนดนโยบายและรับผิดชอบการบริหารราชการให้เป็นไปตามกฎหมาย ข้อบัญญัติ และแผนพัฒนาตำบล</li>
<li>สั่ง อนุญาต และอนุมัติเกี่ยวกับราชการขององค์การบริหารส่วนตำบล</li>
<li>แต่งตั้งและถอดถอนรองนายกและเลขานุการนายก</li>
<li>รายงานผลการดำเนินงานต่อสภาเป็นประจำทุกปี</li>
</ul>""",
    "council": """
<p>สภาองค์การบริหารส่วนตำบลประกอบด้วยสมาชิกที่ราษฎรในแต่ละหมู่บ้านเลือกตั้ง (ข้อความตัวอย่าง)</p>
<ul>
<li>ให้ความเห็นชอบแผนพัฒนาตำบลเพื่อเป็นแนวทางในการบริหารกิจการ</li>
<li>พิจารณาและให้ความเห็นชอบร่างข้อบัญญัติ รวมถึงข้อบัญญัติงบประมาณรายจ่ายประจำปี</li>
<li>ควบคุมการปฏิบัติงานของนายกให้เป็นไปตามนโยบาย กฎหมาย และแผนพัฒนาตำบล</li>
</ul>""",
    "permanent-secretary": """
<p>ปลัดองค์การบริหารส่วนตำบลเป็นผู้บังคับบัญชาพนักงานส่วนตำบลและลูกจ้าง รองจากนายก
และรับผิดชอบควบคุมดูแลราชการประจำให้เป็นไปตามนโยบาย (ข้อความตัวอย่าง)</p>""",
    "office-of-the-permanent-secretary": """
<p>สำนักปลัดรับผิดชอบงานบริหารทั่วไปขององค์การบริหารส่วนตำบล (ข้อความตัวอย่าง)</p>
<ul>
<li>งานสารบรรณ งานธุรการ และงานประชุมสภา</li>
<li>งานบริหารงานบุคคลและงานการเจ้าหน้าที่</li>
<li>งานนโยบายและแผน งานวิชาการ และงานประชาสัมพันธ์</li>
<li>งานป้องกันและบรรเทาสาธารณภัย</li>
<li>งานพัฒนาชุมชนและสวัสดิการสังคม เบี้ยยังชีพผู้สูงอายุและผู้พิการ</li>
</ul>""",
    "finance": """
<p>ส่วนการคลังรับผิดชอบการเงิน การบัญชี การจัดเก็บรายได้ และการพัสดุ (ข้อความตัวอย่าง)</p>
<ul>
<li>งานการเงินและบัญชี: รับ–จ่ายเงิน จัดทำบัญชีและรายงานการเงิน</li>
<li>งานพัฒนาและจัดเก็บรายได้: ภาษีที่ดินและสิ่งปลูกสร้าง ภาษีป้าย และค่าธรรมเนียมต่าง ๆ</li>
<li>งานพัสดุและทรัพย์สิน: จัดซื้อจัดจ้างตามระเบียบ และทะเบียนทรัพย์สิน</li>
</ul>""",
    "public-works": """
<p>ส่วนโยธารับผิดชอบงานก่อสร้างและซ่อมบำรุงโครงสร้างพื้นฐานของตำบล (ข้อความตัวอย่าง)</p>
<ul>
<li>งานก่อสร้างและบูรณะถนน สะพาน ท่อระบายน้ำ และอาคาร</li>
<li>งานออกแบบ ประมาณราคา และควบคุมงานก่อสร้าง</li>
<li>งานประปาหมู่บ้านและไฟฟ้าสาธารณะ</li>
<li>งานควบคุมอาคารและการขออนุญาตก่อสร้าง</li>
</ul>""",
    "education": """
<p>ส่วนการศึกษารับผิดชอบงานการศึกษา ศาสนา และวัฒนธรรมของตำบล (ข้อความตัวอย่าง)</p>
<ul>
<li>งานศูนย์พัฒนาเด็กเล็กและอาหารกลางวัน–อาหารเสริม (นม)</li>
<li>งานส่งเสริมการศึกษานอกระบบและการเรียนรู้ตลอดชีวิต</li>
<li>งานศาสนา ประเพณี วัฒนธรรม และภูมิปัญญาท้องถิ่น</li>
<li>งานกีฬาและนันทนาการ</li>
</ul>""",
}

# slug: (name, side, kind, parent slug, order, phone)
UNITS = [
    ("executives", "คณะผู้บริหาร", POLITICAL, Unit.Kind.EXECUTIVE, None, 10, "0 5500 0000 ต่อ 11 (ตัวอย่าง)"),
    ("council", "สภาองค์การบริหารส่วนตำบล", POLITICAL, Unit.Kind.COUNCIL, None, 20, "0 5500 0000 ต่อ 12 (ตัวอย่าง)"),
    ("permanent-secretary", "ปลัดองค์การบริหารส่วนตำบล", PERMANENT, Unit.Kind.OTHER, None, 30, ""),
    (
        "office-of-the-permanent-secretary",
        "สำนักปลัด",
        PERMANENT,
        Unit.Kind.DIVISION,
        "permanent-secretary",
        40,
        "0 5500 0000 ต่อ 13 (ตัวอย่าง)",
    ),
    ("finance", "ส่วนการคลัง", PERMANENT, Unit.Kind.DIVISION, "permanent-secretary", 50, "0 5500 0000 ต่อ 14 (ตัวอย่าง)"),
    ("public-works", "ส่วนโยธา", PERMANENT, Unit.Kind.DIVISION, "permanent-secretary", 60, "0 5500 0000 ต่อ 15 (ตัวอย่าง)"),
    ("education", "ส่วนการศึกษา", PERMANENT, Unit.Kind.DIVISION, "permanent-secretary", 70, "0 5500 0000 ต่อ 16 (ตัวอย่าง)"),
]

# unit slug: [(position title, role, rank, seats, [(คำนำหน้า, first name, last name), ...])]
# A position with fewer people than seats shows "ว่าง" for each empty seat.
POSITIONS = {
    "executives": [
        ("นายกองค์การบริหารส่วนตำบล", HEAD, 1, 1, [("นาย", "สมมติ", "รักถิ่นดี")]),
        ("รองนายกองค์การบริหารส่วนตำบล", DEPUTY, 2, 2, [("นาย", "ประเสริฐ", "ตัวอย่างยิ่ง"), ("นาง", "สายใจ", "ทดลองงาม")]),
        ("เลขานุการนายกองค์การบริหารส่วนตำบล", SECRETARY, 3, 1, [("นางสาว", "กมลวรรณ", "สมมุติสุข")]),
    ],
    "council": [
        ("ประธานสภาองค์การบริหารส่วนตำบล", HEAD, 1, 1, [("นาย", "บุญมา", "ทองตัวอย่าง")]),
        ("รองประธานสภาองค์การบริหารส่วนตำบล", DEPUTY, 2, 1, [("นาย", "สมศักดิ์", "ดีสมมติ")]),
        ("เลขานุการสภาองค์การบริหารส่วนตำบล", SECRETARY, 3, 1, [("นาง", "ละเอียด", "ตัวอย่างพร้อม")]),
        ("สมาชิกสภาองค์การบริหารส่วนตำบล", MEMBER, 4, 16, []),  # filled below, two per หมู่
    ],
    "permanent-secretary": [
        ("ปลัดองค์การบริหารส่วนตำบล", HEAD, 1, 1, [("นาย", "วิชัย", "บริหารดี")]),
        ("รองปลัดองค์การบริหารส่วนตำบล", DEPUTY, 2, 1, [("นางสาว", "พรทิพย์", "ใฝ่ตัวอย่าง")]),
    ],
    "office-of-the-permanent-secretary": [
        ("หัวหน้าสำนักปลัด", HEAD, 1, 1, [("นาง", "อรุณี", "ขยันสมมติ")]),
        ("นักวิเคราะห์นโยบายและแผน", MEMBER, 2, 1, [("นาย", "ธนพล", "วางแผนดี")]),
        ("นักทรัพยากรบุคคล", MEMBER, 3, 1, [("นางสาว", "ปิยะดา", "ตัวอย่างใจ")]),
        ("นักพัฒนาชุมชน", MEMBER, 4, 1, [("นาย", "ชัยวัฒน์", "ชุมชนสมมติ")]),
        ("เจ้าพนักงานธุรการ", MEMBER, 5, 2, [("นางสาว", "สุดารัตน์", "เอกสารดี")]),
    ],
    "finance": [
        ("หัวหน้าส่วนการคลัง", HEAD, 1, 1, [("นาง", "มาลี", "รอบคอบตัวอย่าง")]),
        ("นักวิชาการเงินและบัญชี", MEMBER, 2, 1, [("นางสาว", "จันทร์เพ็ญ", "บัญชีสมมติ")]),
        ("เจ้าพนักงานจัดเก็บรายได้", MEMBER, 3, 1, [("นาย", "สุรชัย", "เก็บดี")]),
        ("เจ้าพนักงานพัสดุ", MEMBER, 4, 1, [("นาง", "วันเพ็ญ", "พัสดุตัวอย่าง")]),
    ],
    "public-works": [
        ("หัวหน้าส่วนโยธา", HEAD, 1, 1, [("นาย", "เกรียงไกร", "สร้างสมมติ")]),
        ("วิศวกรโยธา", MEMBER, 2, 1, []),
        ("นายช่างโยธา", MEMBER, 3, 1, [("นาย", "อนุชา", "ช่างตัวอย่าง")]),
        ("ผู้ช่วยช่างไฟฟ้า", MEMBER, 4, 1, [("นาย", "ณรงค์", "ไฟสว่างสมมติ")]),
    ],
    "education": [
        ("หัวหน้าส่วนการศึกษา", HEAD, 1, 1, [("นางสาว", "รัชนี", "ใฝ่รู้ตัวอย่าง")]),
        ("นักวิชาการศึกษา", MEMBER, 2, 1, [("นาย", "ปกรณ์", "เรียนดีสมมติ")]),
        ("ครูผู้ดูแลเด็ก", MEMBER, 3, 2, [("นาง", "ดวงใจ", "รักเด็กตัวอย่าง"), ("นางสาว", "น้ำฝน", "อบอุ่นสมมติ")]),
    ],
}

COUNCIL_MEMBERS = [
    ("นาย", "สมบัติ", "นาดีตัวอย่าง"),
    ("นาง", "บัวผัน", "ริมน้ำสมมติ"),
    ("นาย", "ประยูร", "ไร่ทองตัวอย่าง"),
    ("นาย", "สุเทพ", "คลองใสสมมติ"),
    ("นาง", "ทองใบ", "ปลาชุมตัวอย่าง"),
    ("นาย", "จำลอง", "ข้าวหอมสมมติ"),
    ("นาย", "เสน่ห์", "ท่าน้ำตัวอย่าง"),
    ("นางสาว", "อำไพ", "สวนผักสมมติ"),
    ("นาย", "ไพโรจน์", "บ้านไร่ตัวอย่าง"),
    ("นาง", "สมจิตร", "ดอนดีสมมติ"),
    ("นาย", "บุญเลิศ", "หนองงามตัวอย่าง"),
    ("นาย", "ชาญ", "ทุ่งกว้างสมมติ"),
    ("นาง", "ประไพ", "ฝั่งน่านตัวอย่าง"),
    ("นาย", "วีระ", "ลุ่มน้ำสมมติ"),
    ("นาย", "สงัด", "นาเหนือตัวอย่าง"),
    ("นาง", "คำปุ่น", "ท้ายบ้านสมมติ"),
]

GREETING = (
    "ข้อความตัวอย่าง: ขอต้อนรับทุกท่านสู่เว็บไซต์ของเรา องค์การบริหารส่วนตำบลพร้อมให้บริการประชาชนด้วยความโปร่งใส "
    "รวดเร็ว และเป็นธรรม ท่านสามารถติดตามข่าวสาร แผนพัฒนา และติดต่อเจ้าหน้าที่ได้จากเว็บไซต์นี้"
)

# Background, clothing and skin tones of the drawn silhouettes.
BACKGROUNDS = ["#dbe7f3", "#e6efe1", "#f4e8d8", "#ece3f1", "#e0eeee", "#f3e1e1", "#eceae0", "#dfe6ec"]
CLOTHES = ["#2f4f6f", "#3f5f3f", "#6b4a2b", "#4b3b6b", "#2f5f5f", "#6b2f3a", "#44474f", "#5a6b2f"]
SKIN = ["#c99a78", "#b5866a", "#d3a98a", "#a97c5f"]


def portrait_bytes(seed: int, width=480, height=600) -> bytes:
    """A plain silhouette in colours chosen by the seed: clearly a placeholder, never a real face."""
    image = Image.new("RGB", (width, height), BACKGROUNDS[seed % len(BACKGROUNDS)])
    draw = ImageDraw.Draw(image)
    cx = width // 2
    clothes = CLOTHES[(seed * 3) % len(CLOTHES)]
    skin = SKIN[seed % len(SKIN)]
    draw.ellipse((cx - 190, 400, cx + 190, 800), fill=clothes)  # shoulders
    draw.rectangle((cx - 38, 330, cx + 38, 420), fill=skin)  # neck
    draw.polygon([(cx - 60, 400), (cx, 480), (cx + 60, 400)], fill="#f5f5f0")  # collar
    draw.ellipse((cx - 95, 140, cx + 95, 370), fill=skin)  # head
    hair = ["#1f1f1f", "#3a2a1f", "#555555"][seed % 3]
    draw.chord((cx - 100, 125, cx + 100, 330), 180, 360, fill=hair)
    output = io.BytesIO()
    image.save(output, "JPEG", quality=85)
    return output.getvalue()


def _sync(model, lookup, values):
    """Create the row, or bring it to `values` only if it differs: a second run writes nothing."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save()
    return obj, False


def _people_for(slug, title, people):
    if slug == "council" and title.startswith("สมาชิกสภา"):
        return [(*person, index // 2 + 1) for index, person in enumerate(COUNCIL_MEMBERS)]
    return [(*person, None) for person in people]


def load(stdout=None):
    units = {}
    for slug, name, side, kind, parent, order, phone in UNITS:
        units[slug], _ = _sync(
            Unit,
            {"slug": slug},
            {
                "name": name,
                "side": side,
                "kind": kind,
                "parent": units.get(parent),
                "order": order,
                "phone": phone,
                "duties": DUTIES[slug].strip(),
                "is_active": True,
            },
        )

    seed, created_people = 0, 0
    for slug, positions in POSITIONS.items():
        unit = units[slug]
        for title, role, rank, seats, people in positions:
            position, _ = _sync(Position, {"unit": unit, "title": title}, {"role": role, "rank": rank, "seats": seats})
            for order, (prefix, first, last, village) in enumerate(_people_for(slug, title, people), start=1):
                seed += 1
                is_political = unit.side == POLITICAL
                values = {
                    "title": prefix,
                    "position": position,
                    "village": village,
                    "order": order,
                    "is_active": True,
                    "phone": f"08 0000 {seed:04d} (ตัวอย่าง)" if is_political or role == HEAD else "",
                    "email": f"demo.person{seed:02d}@example.org" if role != MEMBER or not is_political else "",
                    "term_start": ELECTED_ON if is_political else None,
                    "greeting": GREETING if slug == "executives" and role == HEAD else "",
                }
                person, created = _sync(
                    Person, {"unit": unit, "first_name": first, "last_name": f"{last} {FICTIONAL}"}, values
                )
                if not person.photo:
                    person.photo_alt = f"{PHOTO_ALT} ({person.full_name})"
                    person.photo.save(f"demo-person-{seed:02d}.jpg", ContentFile(portrait_bytes(seed)), save=False)
                    person.save()
                created_people += created
    if stdout:
        stdout.write(f"โครงสร้างองค์กร: {len(units)} หน่วยงาน บุคลากรใหม่ {created_people} คน")
