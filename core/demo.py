"""Demo content for the platform: the organisation's identity and the main menu.

The organisation's identity lives here, in demo data, never in code or templates. The menu is the
client's own (its order and its words, from pages/demo_data/client_original_page.txt), each entry
pointing at the section of this site that now holds it.
"""

from core.models import MenuItem, SiteProfile

SLOGAN = "น้ำไหล ไฟสว่าง ทางดี มีการศึกษา อนามัยดีอาชีพดี ชีวีปลอดภัย ชุมชนห่างไกลยาเสพติด"

PROFILE = {
    "name": "องค์การบริหารส่วนตำบลจอมทอง",
    "short_name": "อบต.จอมทอง",
    "district": "เมืองพิษณุโลก",
    "province": "พิษณุโลก",
    "address": "ที่ทำการองค์การบริหารส่วนตำบลจอมทอง\nตำบลจอมทอง อำเภอเมืองพิษณุโลก จังหวัดพิษณุโลก",
    "postcode": "65000",
    "phone": "0 5500 0000 (ตัวอย่าง)",
    "fax": "0 5500 0001 (ตัวอย่าง)",
    "email": "contact@example.org",
    "office_hours": "วันจันทร์–ศุกร์ 08:30–16:30 น. (เว้นวันหยุดราชการ)",
    "slogan": SLOGAN,
    "welcome_text": (
        "ยินดีต้อนรับสู่เว็บไซต์องค์การบริหารส่วนตำบลจอมทอง ตำบลที่ราบลุ่มริมแม่น้ำน่าน 8 หมู่บ้าน "
        "ประชากร 3,995 คน 1,641 ครัวเรือน (ข้อมูลปี 2565) — เนื้อหาในเว็บไซต์นี้บางส่วนเป็นข้อมูลตัวอย่าง"
    ),
    "logo_alt": "ตราสัญลักษณ์ อบต.จอมทอง: พระเจดีย์สีทองสามองค์ มีรัศมีแปดแฉก",
    "emblem_meaning": (
        "พระเจดีย์สีทองสามองค์ หมายถึงเจดีย์เก่าสามองค์ที่พบกระออมทองในบริเวณนั้น อันเป็นที่มาของชื่อบ้านกระออมทอง "
        "และตำบลจอมทอง รัศมีแปดแฉก หมายถึงหมู่บ้านทั้งแปดของตำบล"
    ),
    "latitude": "16.912400",  # the office, as on the map (places/demo.py)
    "longitude": "100.259800",
}

# The client's menu, in its order and its words; the URL of each section of this site.
MENU = [
    ("ข้อมูลทั่วไป", "/pages/general-information/", []),
    ("วิสัยทัศน์ / พันธกิจ", "/pages/vision-mission/", []),
    ("แผนที่ตำบล", "/map/", []),
    ("กิจกรรมขององค์กร", "/news/activities/", []),
    ("ผลงานดีเด่น", "/news/achievements/", []),
    ("แผนพัฒนาตำบล (ปี 53 - 55)", "/plans/2553-2555/", []),
    (
        "โครงสร้างองค์กร",
        "/organisation/",
        [
            ("ผู้บริหาร", "/organisation/executives/"),
            ("สภา", "/organisation/council/"),
            ("ทำเนียบบุคลากร", "/organisation/directory/"),
            ("สำนักปลัด", "/organisation/units/office-of-the-permanent-secretary/"),
            ("ส่วนการคลัง", "/organisation/units/finance/"),
            ("ส่วนโยธา", "/organisation/units/public-works/"),
            ("ส่วนการศึกษา", "/organisation/units/education/"),
        ],
    ),
    ("ข่าวสารอื่น ๆ", "/news/general/", []),
    ("กระดานสนทนา", "/forum/", []),
    ("มติ ก.อบต. พล.", "/news/resolutions/", []),
    ("ข่าวสารการฝึกอบรมของ สพบ.", "/news/training/", []),
    ("ภูมิปัญญาท้องถิ่น", "/news/local-wisdom/", []),
    ("ตำนานอาหารของตำบล", "/news/food-legends/", []),
    (
        "ศูนย์ข้อมูลข่าวสาร",
        "/documents/",
        [
            ("จัดซื้อจัดจ้าง", "/procurement/"),
            ("ข้อบัญญัติงบประมาณ", "/budget/"),
        ],
    ),
    ("ITA", "/ita/", []),
    # Sections this site adds after the client's own menu.
    ("บริการประชาชน", "/services/", []),
    ("คำถามที่พบบ่อย", "/faq/", []),
    ("ติดต่อเรา", "/organisation/contact/", []),
]


def load(stdout=None):
    profile = SiteProfile.objects.filter(pk=1).first() or SiteProfile()
    changed = False
    for field, value in PROFILE.items():
        if str(getattr(profile, field) or "") != value:
            setattr(profile, field, value)
            changed = True
    if changed:
        profile.save()

    for order, (title, url, children) in enumerate(MENU, start=1):
        parent, _ = MenuItem.objects.update_or_create(
            parent=None, title=title, defaults={"url": url, "order": order * 10}
        )
        for child_order, (child_title, child_url) in enumerate(children, start=1):
            MenuItem.objects.update_or_create(
                parent=parent, title=child_title, defaults={"url": child_url, "order": child_order * 10}
            )
    if stdout:
        stdout.write("core: ข้อมูลหน่วยงานและเมนูหลัก พร้อมแล้ว")
