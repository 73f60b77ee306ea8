"""Demo content for the pages app: the standing pages and the announcements.

The vision text comes from the client's original page (demo_data/client_original_page.txt), wording kept.
"""

import datetime
import re
from pathlib import Path

from django.core.files.base import ContentFile

from core.demo import SLOGAN
from core.demo_images import sample_pdf, scene_jpeg
from pages.demo_policies import POLICIES
from pages.models import Announcement, Attachment, Category, GalleryImage, Page

ORIGINAL_PAGE = Path(__file__).parent / "demo_data" / "client_original_page.txt"
# One paragraph per line: _ensure_page joins a wrapped line to the one before it with nothing (see read_original_page).
GENERAL_INFORMATION = """
<p><em>ข้อมูลตัวอย่างจากข้อมูลสาธารณะ เจ้าหน้าที่แก้ไขได้ในระบบจัดการ</em></p>
<h2>ที่ตั้งและอาณาเขต</h2>
<p>ตำบลจอมทองตั้งอยู่ในอำเภอเมืองพิษณุโลก จังหวัดพิษณุโลก รหัสไปรษณีย์ 65000 มีพื้นที่ประมาณ 35.8 ตารางกิโลเมตร</p>
<p>พื้นที่เป็นที่ราบลุ่มแม่น้ำน่าน แม่น้ำน่านไหลผ่านตำบล และแม่น้ำแควน้อยไหลมาบรรจบทางด้านบ้านปากโทก</p>
<h2>ประชากร</h2>
<table>
<caption>ประชากรและครัวเรือน (ข้อมูลปี 2565)</caption>
<thead><tr><th scope="col">รายการ</th><th scope="col">จำนวน</th></tr></thead>
<tbody><tr><td>หมู่บ้าน</td><td>8 หมู่บ้าน</td></tr><tr><td>ประชากร</td><td>3,995 คน</td></tr>
<tr><td>ครัวเรือน</td><td>1,641 ครัวเรือน</td></tr></tbody>
</table>
<h2>อาชีพ</h2>
<p>ประชากรส่วนใหญ่ประกอบอาชีพเกษตรกรรมและการประมงในแม่น้ำน่าน</p>
<h2>ประวัติความเป็นมา</h2>
<p>ชื่อตำบลมาจาก "บ้านกระออมทอง" ตามตำนานว่ามีผู้ขุดพบกระออมทองคำใกล้เจดีย์เก่าสามองค์</p>
<p>องค์การบริหารส่วนตำบลจอมทองจัดตั้งเมื่อวันที่ 16 ธันวาคม 2539</p>
<h2>ตราสัญลักษณ์</h2>
<p>พระเจดีย์สีทองสามองค์ มีรัศมีแปดแฉก แทนหมู่บ้านทั้งแปดของตำบล</p>
"""


def read_original_page(path=ORIGINAL_PAGE):
    """(title, paragraphs of the vision text, menu entries) from the client's original page.

    The text was hard-wrapped at arbitrary points, sometimes inside a word ("ความสุ" / "ข"), and Thai
    puts no space between words, so wrapped lines are joined with nothing; a line that starts with an
    indent begins a new paragraph. Lines of non-breaking spaces separate the text from the menu.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    title = lines[0].strip()
    body, menu, paragraphs, current = [], [], [], ""
    in_menu = False
    for line in lines[1:]:
        if not line.strip():  # str.strip() also removes the no-break spaces
            if "\u00a0" in line:
                in_menu = True
            continue
        (menu if in_menu else body).append(line)
    for line in body:
        if line[:1].isspace() and current:
            paragraphs.append(current)
            current = ""
        current += line.strip()
    if current:
        paragraphs.append(current)
    seen, unique_menu = set(), []
    for entry in (line.strip() for line in menu):
        if entry not in seen:  # "ภูมิปัญญาท้องถิ่น" appears twice in the original: it is one section
            seen.add(entry)
            unique_menu.append(entry)
    return title, paragraphs, unique_menu


def vision_html():
    """The vision page body: the client's paragraphs, with the closing slogan as a highlighted quote."""
    _, paragraphs, _ = read_original_page()
    html = []
    for paragraph in paragraphs:
        slogan_at = paragraph.find("“ น้ำไหล")
        if slogan_at != -1:
            html.append(f"<p>{paragraph[:slogan_at].strip()}</p>")
            html.append(f"<blockquote><p>{SLOGAN}</p></blockquote>")
        else:
            html.append(f"<p>{paragraph}</p>")
    return "\n".join(html)


def load(stdout=None):
    title, _, _ = read_original_page()
    _ensure_page(slug="vision-mission", title=title, body=vision_html(), order=20,
                 summary="วิสัยทัศน์การพัฒนาของผู้บริหารองค์การบริหารส่วนตำบลจอมทอง")  # fmt: skip
    _ensure_page(slug="general-information", title="ข้อมูลทั่วไป", body=GENERAL_INFORMATION.strip(), order=10,
                 summary="ที่ตั้ง พื้นที่ ประชากร อาชีพ และประวัติความเป็นมาของตำบล")  # fmt: skip
    for order, (slug, title, summary, body) in enumerate(POLICIES, start=90):
        _ensure_page(slug=slug, title=title, body=body.strip(), order=order, summary=summary)
    created = load_announcements()
    if stdout:
        stdout.write(f"pages: หน้าเนื้อหาและข่าวสาร พร้อมแล้ว (ข่าวสารใหม่ {created} เรื่อง)")


def _ensure_page(*, slug, title, body, order, summary):
    # Created once; a clerk's later edits are never overwritten by a second run.
    Page.objects.get_or_create(
        slug=slug,
        defaults={"title": title, "body": re.sub(r"\n(?!<)", "", body), "order": order, "summary": summary,
                  "status": Page.Status.PUBLISHED},
    )  # fmt: skip


# --- Announcements: one category per dated section of the client's menu, three or more sample items each. ---

CATEGORIES = [
    # slug (as in MENU), title (the menu's words), description, home section
    ("activities", "กิจกรรมขององค์กร", "ภาพและเรื่องราวกิจกรรมที่องค์การบริหารส่วนตำบลจัดร่วมกับชุมชน", "photos"),
    ("achievements", "ผลงานดีเด่น", "รางวัลและผลงานที่ตำบลและหน่วยงานได้รับ", ""),
    ("general", "ข่าวสารอื่น ๆ", "ประกาศและข่าวประชาสัมพันธ์ทั่วไปถึงประชาชน", "list"),
    ("resolutions", "มติ ก.อบต. พล.", "มติคณะกรรมการพนักงานส่วนตำบลจังหวัดพิษณุโลก (ก.อบต.จังหวัดพิษณุโลก) ที่เกี่ยวข้อง", "list"),
    ("training", "ข่าวสารการฝึกอบรมของ สพบ.", "ข่าวการฝึกอบรมของสถาบันพัฒนาบุคลากรท้องถิ่น (สพบ.) สำหรับบุคลากรท้องถิ่น", "list"),
    ("local-wisdom", "ภูมิปัญญาท้องถิ่น", "ความรู้และฝีมือที่สืบทอดกันมาในชุมชนริมแม่น้ำน่าน", ""),
    ("food-legends", "ตำนานอาหารของตำบล", "อาหารพื้นบ้านและเรื่องเล่าเบื้องหลังแต่ละจาน", ""),
]

SAMPLE = "(ข้อมูลตัวอย่าง)"

# (category, slug, days ago, title, summary, body paragraphs, cover scene, gallery captions, PDF attachments, extra)
ANNOUNCEMENTS = [
    ("activities", "tree-planting-nan-river", 3, "ปลูกต้นไม้ริมแม่น้ำน่าน เฉลิมพระเกียรติ",
     "ชาวบ้าน นักเรียน และเจ้าหน้าที่ร่วมกันปลูกต้นไม้ 500 ต้นริมตลิ่งแม่น้ำน่าน",
     ["เช้าวันเสาร์ ชาวบ้านจากทั้งแปดหมู่บ้าน นักเรียน และเจ้าหน้าที่ร่วมกันปลูกต้นไม้ยืนต้นริมตลิ่งแม่น้ำน่าน "
      "เพื่อลดการพังทลายของตลิ่งและเพิ่มร่มเงาให้ทางเดินริมน้ำ",
      "ผู้ร่วมกิจกรรมแบ่งกลุ่มดูแลต้นไม้ที่ปลูกไว้ต่อเนื่องหนึ่งปี และจะรายงานผลการเติบโตในการประชุมประจำเดือน"],
     "outdoor", ["ลงทะเบียนผู้ร่วมกิจกรรม", "แบ่งกลุ่มปลูกต้นไม้ริมตลิ่ง", "นักเรียนช่วยรดน้ำต้นกล้า",
                 "ถ่ายภาพร่วมกันหลังเสร็จกิจกรรม"], [], {"pinned": True}),
    ("activities", "village-forum-moo-4", 12, "ประชาคมหมู่บ้าน หมู่ที่ 4 รับฟังความต้องการของประชาชน",
     "เวทีประชาคมหมู่บ้านเพื่อจัดลำดับโครงการที่จะบรรจุในแผนพัฒนาท้องถิ่น",
     ["องค์การบริหารส่วนตำบลจัดเวทีประชาคม ณ ศาลาประชาคมหมู่ที่ 4 ประชาชนเสนอโครงการซ่อมถนนเลียบคลอง "
      "ไฟฟ้าส่องสว่าง และรางระบายน้ำ",
      "ข้อเสนอทั้งหมดจะนำเข้าสู่การพิจารณาของคณะกรรมการพัฒนาท้องถิ่นต่อไป"],
     "meeting", ["ประชาชนร่วมแสดงความคิดเห็น", "สรุปข้อเสนอบนกระดาน"], [], {}),
    ("activities", "elderly-health-check", 25, "ตรวจสุขภาพผู้สูงอายุประจำปี",
     "ผู้สูงอายุกว่า 200 คนได้รับการตรวจวัดความดัน น้ำตาลในเลือด และคำแนะนำด้านโภชนาการ",
     ["ร่วมกับโรงพยาบาลส่งเสริมสุขภาพตำบล จัดตรวจสุขภาพผู้สูงอายุประจำปี พร้อมให้ความรู้เรื่องอาหารลดเค็ม",
      "ผู้ที่ไม่สะดวกเดินทาง อาสาสมัครสาธารณสุขจะออกเยี่ยมที่บ้าน"],
     "classroom", ["ตรวจวัดความดันโลหิต", "ให้ความรู้เรื่องอาหารลดเค็ม", "อาสาสมัครช่วยลงทะเบียน"], [], {}),
    ("activities", "songkran-draft", 2, "งานสืบสานประเพณีสงกรานต์ (ฉบับร่างตัวอย่าง)",
     "ร่างข่าวที่ยังไม่เผยแพร่ เห็นได้เฉพาะเจ้าหน้าที่",
     ["ฉบับร่างสำหรับทดลองการดูตัวอย่างก่อนเผยแพร่"], "outdoor", [], [], {"status": "draft"}),
    ("activities", "river-cleanup-scheduled", -30, "จิตอาสาเก็บขยะริมแม่น้ำ (ตั้งเวลาเผยแพร่ตัวอย่าง)",
     "ข่าวที่ตั้งเวลาไว้ จะปรากฏต่อสาธารณะเมื่อถึงเวลา",
     ["ตัวอย่างข่าวที่ตั้งเวลาเผยแพร่ล่วงหน้า"], "outdoor", [], [], {}),
    ("achievements", "clean-village-award", 20, "หมู่บ้านสะอาด ได้รับรางวัลระดับจังหวัด",
     "หมู่บ้านในตำบลได้รับรางวัลหมู่บ้านจัดการขยะดีเด่นระดับจังหวัด",
     ["ผลจากการคัดแยกขยะต้นทางและธนาคารขยะของชุมชนต่อเนื่องสามปี ทำให้หมู่บ้านได้รับรางวัลหมู่บ้านจัดการขยะดีเด่น",
      "ขอขอบคุณประชาชนทุกครัวเรือนที่ร่วมมือคัดแยกขยะ"],
     "award", ["รับมอบรางวัล", "ธนาคารขยะของชุมชน"], [], {}),
    ("achievements", "transparency-assessment", 60, "ผ่านการประเมินคุณธรรมและความโปร่งใส (ITA)",
     "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานอยู่ในระดับดีมาก",
     ["องค์การบริหารส่วนตำบลผ่านการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ระดับดีมาก"],
     "award", [], [], {}),
    ("achievements", "child-center-quality", 95, "ศูนย์พัฒนาเด็กเล็กผ่านเกณฑ์มาตรฐาน",
     "ศูนย์พัฒนาเด็กเล็กของตำบลผ่านการประเมินมาตรฐานสถานพัฒนาเด็กปฐมวัยแห่งชาติ",
     ["ครูผู้ดูแลเด็กและผู้ปกครองร่วมกันพัฒนาห้องเรียน สนามเด็กเล่น และอาหารกลางวันตามเกณฑ์มาตรฐาน"],
     "classroom", ["มุมหนังสือของศูนย์พัฒนาเด็กเล็ก"], [], {}),
    ("general", "tax-payment-period", 5, "ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี",
     "ชำระภาษีได้ที่กองคลังในวันและเวลาราชการ หรือที่หน่วยบริการเคลื่อนที่",
     ["ขอเชิญชวนผู้มีหน้าที่เสียภาษีที่ดินและสิ่งปลูกสร้าง ชำระภาษีภายในกำหนด เพื่อหลีกเลี่ยงเงินเพิ่ม",
      "สอบถามรายละเอียดได้ที่กองคลังในวันและเวลาราชการ"],
     "meeting", [], [("ตารางหน่วยบริการรับชำระภาษีเคลื่อนที่", [
         "หมู่ที่ 1–2  วันจันทร์ เวลา 09:00–12:00 น.", "หมู่ที่ 3–4  วันอังคาร เวลา 09:00–12:00 น.",
         "หมู่ที่ 5–6  วันพุธ เวลา 09:00–12:00 น.", "หมู่ที่ 7–8  วันพฤหัสบดี เวลา 09:00–12:00 น."])], {}),
    ("general", "dengue-prevention", 15, "ขอความร่วมมือกำจัดแหล่งเพาะพันธุ์ยุงลาย",
     "ช่วงฤดูฝน ขอให้ทุกครัวเรือนคว่ำภาชนะและปิดฝาโอ่งน้ำ",
     ["ช่วงฤดูฝนเป็นช่วงที่ไข้เลือดออกระบาด ขอให้ทุกครัวเรือนสำรวจและกำจัดแหล่งน้ำขัง ทุกวันศุกร์"],
     "outdoor", [], [], {}),
    ("general", "office-holiday-notice", 40, "ประกาศวันหยุดทำการ",
     "สำนักงานปิดทำการในวันหยุดราชการตามประกาศของคณะรัฐมนตรี",
     ["กรณีเหตุเร่งด่วน ติดต่อเจ้าหน้าที่เวรได้ตามหมายเลขโทรศัพท์ของสำนักงาน"], "meeting", [], [], {}),
    ("resolutions", "resolution-1-2569", 7, "มติ ก.อบต.จังหวัด ครั้งที่ 1/2569",
     "สรุปมติการประชุมคณะกรรมการพนักงานส่วนตำบลจังหวัด ครั้งที่ 1/2569",
     ["มติที่เกี่ยวข้องกับการบริหารงานบุคคลของพนักงานส่วนตำบล ดูรายละเอียดในไฟล์แนบ"],
     "meeting", [], [("สรุปมติการประชุม ครั้งที่ 1/2569", [
         "ระเบียบวาระที่ 1  เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", "ระเบียบวาระที่ 2  รับรองรายงานการประชุมครั้งที่แล้ว",
         "ระเบียบวาระที่ 3  การคัดเลือกพนักงานส่วนตำบล: เห็นชอบ", "ระเบียบวาระที่ 4  เรื่องอื่น ๆ"])], {}),
    ("resolutions", "resolution-12-2568", 38, "มติ ก.อบต.จังหวัด ครั้งที่ 12/2568",
     "สรุปมติการประชุมคณะกรรมการพนักงานส่วนตำบลจังหวัด ครั้งที่ 12/2568",
     ["ดูรายละเอียดมติในไฟล์แนบ"], "meeting", [], [("สรุปมติการประชุม ครั้งที่ 12/2568", [
         "ระเบียบวาระที่ 3  การโอนย้ายพนักงานส่วนตำบล: เห็นชอบ", "ระเบียบวาระที่ 4  การเลื่อนระดับ: เห็นชอบ"])], {}),
    ("resolutions", "resolution-11-2568", 70, "มติ ก.อบต.จังหวัด ครั้งที่ 11/2568",
     "สรุปมติการประชุมคณะกรรมการพนักงานส่วนตำบลจังหวัด ครั้งที่ 11/2568",
     ["ดูรายละเอียดมติในไฟล์แนบ"], "meeting", [], [("สรุปมติการประชุม ครั้งที่ 11/2568", [
         "ระเบียบวาระที่ 3  หลักเกณฑ์การประเมินผลการปฏิบัติงาน: รับทราบ"])], {}),
    ("training", "training-finance-officers", 9, "หลักสูตรการจัดซื้อจัดจ้างสำหรับเจ้าหน้าที่ท้องถิ่น",
     "สพบ. เปิดรับสมัครเจ้าหน้าที่การเงินและพัสดุเข้าอบรม",
     ["สถาบันพัฒนาบุคลากรท้องถิ่นเปิดรับสมัครบุคลากรเข้ารับการฝึกอบรมหลักสูตรการจัดซื้อจัดจ้างภาครัฐ",
      "ผู้สนใจติดต่อสำนักปลัดเพื่อส่งรายชื่อภายในกำหนด"],
     "classroom", [], [("กำหนดการฝึกอบรม", ["วันที่ 1  ระเบียบการจัดซื้อจัดจ้าง", "วันที่ 2  ระบบ e-GP และกรณีศึกษา",
                                             "วันที่ 3  การตรวจรับพัสดุ"])], {}),
    ("training", "training-disaster-response", 33, "หลักสูตรการป้องกันและบรรเทาสาธารณภัย",
     "อบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน รุ่นที่ 3",
     ["ผู้ผ่านการอบรมจะได้รับบัตรประจำตัวอาสาสมัครและร่วมปฏิบัติงานในตำบล"], "classroom", [], [], {}),
    ("training", "training-digital-services", 58, "หลักสูตรการให้บริการประชาชนด้วยระบบดิจิทัล",
     "พัฒนาทักษะการให้บริการออนไลน์ของบุคลากรท้องถิ่น",
     ["เนื้อหาครอบคลุมการรับคำร้องออนไลน์ การคุ้มครองข้อมูลส่วนบุคคล และการตอบคำถามประชาชน"],
     "classroom", [], [], {}),
    ("local-wisdom", "bamboo-fish-trap", 18, "ไซดักปลา ภูมิปัญญาคนริมน้ำน่าน",
     "เครื่องมือจับปลาที่สานจากไม้ไผ่ ใช้กันมาหลายชั่วอายุคน",
     ["ไซเป็นเครื่องมือดักปลาที่สานจากไม้ไผ่ ปากไซมีงาแหลมให้ปลาว่ายเข้าได้แต่ออกไม่ได้ "
      "ชาวบ้านริมแม่น้ำน่านวางไซตามร่องน้ำในฤดูน้ำหลาก",
      "ปัจจุบันผู้สูงอายุในตำบลยังสอนการสานไซให้เยาวชน และนำมาทำเป็นของที่ระลึก"],
     "weaving", ["ลายสานของไซ", "ผู้สูงอายุสอนเยาวชนสานไม้ไผ่", "ไซที่สานเสร็จแล้ว"], [], {}),
    ("local-wisdom", "herbal-compress", 45, "ลูกประคบสมุนไพร",
     "การทำลูกประคบจากไพล ขมิ้น และตะไคร้ ที่ปลูกในสวนครัวของชุมชน",
     ["กลุ่มแม่บ้านรวบรวมสมุนไพรในชุมชนมาทำลูกประคบ ใช้บรรเทาอาการปวดเมื่อย และจำหน่ายเป็นรายได้เสริม"],
     "weaving", ["สมุนไพรที่ใช้ทำลูกประคบ"], [], {}),
    ("local-wisdom", "rice-seed-keeping", 80, "การเก็บเมล็ดพันธุ์ข้าวไว้ทำพันธุ์",
     "วิธีคัดรวงข้าวที่สมบูรณ์ไว้เป็นเมล็ดพันธุ์ของฤดูถัดไป",
     ["ชาวนาคัดรวงที่เมล็ดเต็ม ไม่มีโรค ตากให้แห้งและเก็บในภาชนะที่ระบายอากาศได้"], "outdoor", [], [], {}),
    ("food-legends", "golden-jar-fish-curry", 21, "แกงส้มปลากระออมทอง",
     "เรื่องเล่าของแกงส้มปลาแม่น้ำ ที่ชาวบ้านเชื่อว่าทำเลี้ยงกันในงานบุญที่เจดีย์เก่า",
     ["ผู้เฒ่าผู้แก่เล่าว่าเมื่อครั้งขุดพบกระออมทองใกล้เจดีย์เก่าสามองค์ ชาวบ้านจัดงานบุญและแกงส้มปลาจากแม่น้ำน่าน "
      "เลี้ยงผู้มาร่วมงาน จึงเรียกกันว่า “แกงส้มปลากระออมทอง”",
      "ความเปรี้ยวมาจากมะขามเปียกและยอดมะม่วงอ่อน ใส่ผักตามฤดูกาล"],
     "food", ["เครื่องแกงตำเอง", "ปลาแม่น้ำน่านสด ๆ", "แกงส้มพร้อมเสิร์ฟ"], [], {}),
    ("food-legends", "fermented-fish-rice", 50, "ข้าวคลุกปลาร้าสับของหมู่บ้านริมน้ำ",
     "อาหารของคนทำนาที่ห่อไปกินกลางทุ่ง",
     ["ปลาร้าสับกับพริก หอมแดง และตะไคร้ คลุกข้าวเหนียวห่อใบตองไปกินในนา เป็นอาหารที่ทุกบ้านทำเป็น"],
     "food", ["ข้าวห่อใบตอง"], [], {}),
    ("food-legends", "banana-dessert", 85, "กล้วยบวชชีงานบุญ",
     "ขนมหวานที่ขาดไม่ได้ในงานบุญของตำบล",
     ["กล้วยน้ำว้าจากสวนในตำบลต้มกับกะทิ ใส่น้ำตาลและเกลือเล็กน้อย ทำแจกในงานบุญทุกเทศกาล"],
     "food", [], [], {}),
]  # fmt: skip


def _publish_at(days_ago):
    from django.utils import timezone

    # 09:00 local time, ``days_ago`` days before the first load (negative: scheduled in the future).
    return timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) - datetime.timedelta(days=days_ago)


def load_announcements():
    """Categories with the menu's slugs and titles, and sample announcements created once each."""
    categories = {}
    for order, (slug, title, description, home_section) in enumerate(CATEGORIES, start=1):
        # Created once; a clerk's later edits (title, description, order) are never overwritten.
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug,
            defaults={"title": title, "description": description, "order": order * 10, "home_section": home_section},
        )
    created = 0
    for seed, entry in enumerate(ANNOUNCEMENTS, start=1):
        category_slug, slug, days_ago, title, summary, paragraphs, scene, gallery, pdfs, extra = entry
        category = categories[category_slug]
        if Announcement.objects.filter(category=category, slug=slug).exists():
            continue
        announcement = Announcement(
            category=category,
            slug=slug,
            title=title,
            summary=f"{summary} {SAMPLE}",
            body="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
            + "<p><em>เนื้อหานี้เป็นข้อมูลตัวอย่างสำหรับสาธิตเว็บไซต์</em></p>",
            cover_alt=f"ภาพวาดตัวอย่างประกอบเรื่อง {title}",
            publish_at=_publish_at(days_ago),
            status=extra.get("status", Announcement.Status.PUBLISHED),
            is_pinned=extra.get("pinned", False),
        )
        announcement.cover_image.save(f"{slug}.jpg", ContentFile(scene_jpeg(scene, seed)), save=False)
        announcement.save()
        for order, caption in enumerate(gallery, start=1):
            alt = f"ภาพวาดตัวอย่าง: {caption}"
            photo = GalleryImage(announcement=announcement, caption=caption, alt=alt, order=order)
            drawing = scene_jpeg(scene, seed * 100 + order, caption)
            photo.image.save(f"{slug}-{order}.jpg", ContentFile(drawing), save=False)
            photo.save()
        for order, (pdf_title, lines) in enumerate(pdfs, start=1):
            attachment = Attachment(announcement=announcement, title=f"{pdf_title} {SAMPLE}", order=order)
            attachment.file.save(f"{slug}-{order}.pdf", ContentFile(sample_pdf(pdf_title, lines)), save=False)
            attachment.save()
        created += 1
    return created
