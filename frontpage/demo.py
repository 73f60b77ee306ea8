"""Sample banners and quick links for the home page (marked as samples). Some quick links point at sections that
other parts of the project build (/ita/, /services/, /documents/): plain addresses, as a clerk would type them."""

from django.core.files.base import ContentFile

from core.demo_images import scene_jpeg
from frontpage.models import Banner, QuickLink

BANNERS = [
    ("ชวนชำระภาษีที่ดินและสิ่งปลูกสร้าง ภายในเดือนเมษายน (ตัวอย่าง)", "outdoor", "/faq/",
     "ภาพทุ่งนาริมแม่น้ำ ข้อความ: ชวนชำระภาษีที่ดินและสิ่งปลูกสร้าง ภายในเดือนเมษายน (ภาพตัวอย่าง)"),
    ("ร่วมประชุมประชาคมหมู่บ้าน (ตัวอย่าง)", "meeting", "/news/general/",
     "ภาพชาวบ้านนั่งประชุมกัน ข้อความ: ร่วมประชุมประชาคมหมู่บ้าน (ภาพตัวอย่าง)"),
]  # fmt: skip

QUICK_LINKS = [
    ("ITA ความโปร่งใส", "/ita/", QuickLink.Icon.ITA),
    ("E-Service", "/services/", QuickLink.Icon.ESERVICE),
    ("ร้องเรียน / แจ้งเรื่อง", "/services/", QuickLink.Icon.COMPLAINT),
    ("ศูนย์ข้อมูลข่าวสาร", "/documents/", QuickLink.Icon.INFO),
    ("คำถามที่พบบ่อย", "/faq/", QuickLink.Icon.FAQ),
    ("ติดต่อเรา", "/organisation/contact/", QuickLink.Icon.CONTACT),
]


def load(stdout=None):
    for order, (title, scene, link, alt) in enumerate(BANNERS, start=1):
        if Banner.objects.filter(title=title).exists():
            continue
        banner = Banner(title=title, link=link, alt=alt, order=order * 10)
        banner.image.save(f"banner-{order}.jpg", ContentFile(scene_jpeg(scene, 700 + order)), save=False)
        banner.save()
    for order, (title, url, icon) in enumerate(QUICK_LINKS, start=1):
        QuickLink.objects.get_or_create(title=title, defaults={"url": url, "icon": icon, "order": order * 10})
    if stdout:
        stdout.write("frontpage: ป้ายประกาศและทางลัดหน้าแรก พร้อมแล้ว")
