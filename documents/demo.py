"""Demo content: a sample document behind each of the 26 items of an ITA hub for fiscal year 2569 (the 2568
list copied forward, as a clerk would), with links to the site's own pages where they hold the answer.

Every document is marked as a sample (is_sample, and "ตัวอย่าง" on its PDF).
"""

import datetime

from django.apps import apps
from django.core.files.base import ContentFile

from core.demo_images import sample_pdf
from documents.ita_lists import GROUPS, ITEMS_2568, ensure_document_types
from documents.models import AssessmentYear, Document, DocumentFile, DocumentType, ItaItem, ItaLink
from documents.services import assessment_year_copy

YEAR = 2569
SOURCE_YEAR = 2568
PERMANENT_SECRETARY = "office-of-the-permanent-secretary"

# code: (type slug, title, issuing unit slug, issue date)
SAMPLES = {
    "O1": ("announcements", "ประกาศโครงสร้างส่วนราชการและอำนาจหน้าที่", PERMANENT_SECRETARY, (2025, 10, 1)),
    "O2": ("announcements", "ทำเนียบผู้บริหารและช่องทางติดต่อ", PERMANENT_SECRETARY, (2025, 10, 1)),
    "O3": ("announcements", "ข้อมูลการติดต่อหน่วยงานและแผนที่สำนักงาน", PERMANENT_SECRETARY, (2025, 10, 1)),
    "O4": ("reports", "สรุปข่าวประชาสัมพันธ์ประจำปีงบประมาณ 2569", PERMANENT_SECRETARY, (2025, 12, 15)),
    "O5": ("plans", "แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) เพิ่มเติม ครั้งที่ 1", PERMANENT_SECRETARY, (2025, 10, 20)),
    "O6": ("plans", "แผนการดำเนินงาน ประจำปีงบประมาณ 2569", PERMANENT_SECRETARY, (2025, 10, 30)),
    "O7": ("reports", "รายงานผลการดำเนินงานประจำปีงบประมาณ 2568", PERMANENT_SECRETARY, (2025, 10, 25)),
    "O8": ("manuals", "คู่มือการปฏิบัติงานด้านการจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง", "finance", (2025, 11, 3)),
    "O9": ("manuals", "คู่มือสำหรับประชาชน: การขออนุญาตก่อสร้างอาคาร", "public-works", (2025, 11, 3)),
    "O10": ("announcements", "ประกาศช่องทางการให้บริการออนไลน์ (E-Service)", PERMANENT_SECRETARY, (2025, 11, 10)),
    "O11": ("reports", "สถิติการให้บริการประชาชน ไตรมาสที่ 1 ปีงบประมาณ 2569", PERMANENT_SECRETARY, (2026, 1, 10)),
    "O12": ("reports", "สรุปผลการจัดซื้อจัดจ้าง (สขร.1) ไตรมาสที่ 1 ปีงบประมาณ 2569", "finance", (2026, 1, 8)),
    "O13": ("reports", "รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ 2568", "finance", (2025, 10, 28)),
    "O14": ("plans", "แผนการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ 2569", PERMANENT_SECRETARY, (2025, 10, 15)),
    "O15": ("reports", "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ 2568", PERMANENT_SECRETARY, (2025, 10, 29)),
    "O16": ("regulations", "ประมวลจริยธรรมของพนักงานส่วนท้องถิ่นและการขับเคลื่อน", PERMANENT_SECRETARY, (2025, 11, 1)),
    "O17": ("manuals", "คู่มือการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", PERMANENT_SECRETARY, (2025, 11, 5)),
    "O18": ("announcements", "ประกาศช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", PERMANENT_SECRETARY, (2025, 11, 5)),
    "O19": (
        "reports",
        "สถิติเรื่องร้องเรียนการทุจริต ไตรมาสที่ 1 ปีงบประมาณ 2569 (ไม่มีเรื่องร้องเรียน)",
        PERMANENT_SECRETARY,
        (2026, 1, 5),
    ),
    "O20": ("minutes", "รายงานการประชุมประชาคมตำบลเพื่อจัดทำแผนพัฒนา", PERMANENT_SECRETARY, (2025, 11, 20)),
    "O21": ("announcements", "ประกาศเจตนารมณ์ No Gift Policy จากการปฏิบัติหน้าที่", PERMANENT_SECRETARY, (2025, 10, 2)),
    "O22": ("reports", "รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา", PERMANENT_SECRETARY, (2026, 1, 15)),
    "O23": ("reports", "การประเมินความเสี่ยงการทุจริตและการให้หรือรับสินบน ประจำปี 2569", PERMANENT_SECRETARY, (2025, 11, 12)),
    "O24": ("reports", "รายงานผลการดำเนินการเพื่อจัดการความเสี่ยงการทุจริต รอบ 6 เดือน", PERMANENT_SECRETARY, (2026, 3, 31)),
    "O25": ("plans", "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ 2569", PERMANENT_SECRETARY, (2025, 10, 10)),
    "O26": ("reports", "รายงานผลการดำเนินการตามแผนป้องกันการทุจริต รอบ 6 เดือน", PERMANENT_SECRETARY, (2026, 4, 5)),
}
# Pages of this site that hold (part of) an item's answer.
PAGE_LINKS = {
    "O1": [("แผนภูมิโครงสร้างองค์กร", "/organisation/")],
    "O2": [("ผู้บริหาร", "/organisation/executives/")],
    "O4": [("ข่าวสารทั้งหมด", "/news/")],
    "O5": [("แผนพัฒนาตำบล", "/plans/")],
    "O6": [("ข้อบัญญัติงบประมาณรายจ่ายประจำปี 2569", "/budget/2569/")],
    "O12": [("จัดซื้อจัดจ้าง ปีงบประมาณ 2569 (สขร.1 รายเดือน)", "/procurement/2569/")],
    "O13": [("รายงานผลการจัดซื้อจัดจ้างประจำปี 2568", "/procurement/2568/report/")],
    "O18": [("กระดานสนทนา", "/forum/")],
}


def _unit(slug):
    Unit = apps.get_model("staff", "Unit")
    return Unit.objects.filter(slug=slug).first()


def _sample_document(code, item):
    type_slug, title, unit_slug, day = SAMPLES[code]
    document, created = Document.objects.get_or_create(
        title=title,
        is_sample=True,
        defaults={
            "doc_type": DocumentType.objects.get(slug=type_slug),
            "issuing_unit": _unit(unit_slug),
            "issue_date": datetime.date(*day),
            "summary": f"เอกสารตัวอย่างสำหรับข้อ {code} {item.title} ของการประเมิน ITA เจ้าหน้าที่แทนที่ด้วยเอกสารจริงได้ในระบบจัดการ",
            "status": Document.Status.PUBLISHED,
        },
    )
    if created or not document.files.exists():
        pdf = sample_pdf(title, [f"ข้อ {code} {item.title}", "เอกสารตัวอย่างสำหรับเว็บไซต์สาธิต"])
        DocumentFile.objects.create(
            document=document, file=ContentFile(pdf, name=f"{code}-ตัวอย่าง.pdf"), title=f"{title}.pdf"
        )
    return document


def _year():
    """2569 as a clerk makes it: the 2568 list copied forward (the list itself when 2568 is gone)."""
    year = AssessmentYear.objects.filter(year=YEAR).first()
    if year is not None:
        return year
    source = AssessmentYear.objects.filter(year=SOURCE_YEAR).first()
    if source is not None:
        return assessment_year_copy(source=source, to_year=YEAR)
    year = AssessmentYear.objects.create(year=YEAR)
    ItaItem.objects.bulk_create(
        ItaItem(year=year, code=code, title=title, description=description, group=GROUPS[group], order=number * 10)
        for number, (code, title, description, group) in enumerate(ITEMS_2568, start=1)
    )
    return year


def load(stdout=None):
    ensure_document_types()
    year = _year()
    if not year.is_published:
        year.is_published = True
        year.save(update_fields=["is_published", "updated_at"])
    for item in ItaItem.objects.filter(year=year, code__in=SAMPLES):
        document = _sample_document(item.code, item)
        ItaLink.objects.get_or_create(item=item, document=document, defaults={"order": 10})
        for order, (label, url) in enumerate(PAGE_LINKS.get(item.code, []), start=2):
            ItaLink.objects.get_or_create(item=item, url=url, defaults={"label": label, "order": order * 10})
    if stdout:
        stdout.write(f"documents: ศูนย์ข้อมูลข่าวสารและ ITA ปี {YEAR} ({len(SAMPLES)} ข้อ พร้อมเอกสารตัวอย่าง)")
