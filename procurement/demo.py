"""Demo content: the procurement plan of 2569 with a dozen notices across its first three months, and the
budget ordinances of 2568 and 2569. Every record is marked as a sample; amounts and companies are made up."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from core.demo_images import sample_pdf
from procurement.models import BudgetLine, BudgetOrdinance, Notice, ProcurementPlan, Status

T, M = Notice.Type, Notice.Method
# (type, project, method, e-GP, budget, median, date, winner, contract, bidders)
NOTICES = [
    (T.WINNER, "ซื้อวัสดุสำนักงาน สำนักปลัด", M.SPECIFIC, "68109000001", "15000.00", "15000.00", (2025, 10, 8),
     "ร้านตัวอย่างเครื่องเขียน", "14850.00", "ร้านตัวอย่างเครื่องเขียน 14,850.00 บาท"),
    (T.WINNER, "จ้างเหมาซ่อมแซมเครื่องปรับอากาศ", M.SPECIFIC, "68109000002", "8500.00", "8500.00", (2025, 10, 15),
     "ห้างหุ้นส่วนจำกัด ตัวอย่างแอร์เซอร์วิส", "8500.00", "หจก. ตัวอย่างแอร์เซอร์วิส 8,500.00 บาท"),
    (T.MEDIAN_PRICE, "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3", M.E_BIDDING, "68109000003", "1250000.00", "1248500.00",
     (2025, 10, 20), "", None, ""),
    (T.INVITATION, "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3", M.E_BIDDING, "68109000003", "1250000.00", "1248500.00",
     (2025, 10, 22), "", None, ""),
    (T.WINNER, "ซื้ออาหารเสริม (นม) โรงเรียนและศูนย์พัฒนาเด็กเล็ก", M.SPECIFIC, "68119000004", "212345.67", "212345.67",
     (2025, 11, 3), "สหกรณ์โคนมตัวอย่าง จำกัด", "212345.67", "สหกรณ์โคนมตัวอย่าง จำกัด 212,345.67 บาท"),
    (T.WINNER, "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3", M.E_BIDDING, "68109000003", "1250000.00", "1248500.00",
     (2025, 11, 18), "บริษัท ตัวอย่างก่อสร้าง จำกัด", "1189000.00",
     "บริษัท ตัวอย่างก่อสร้าง จำกัด 1,189,000.00 บาท\nห้างหุ้นส่วนจำกัด ตัวอย่างโยธา 1,215,000.00 บาท"),
    (T.WINNER, "จ้างเหมาจัดทำป้ายประชาสัมพันธ์", M.SPECIFIC, "68119000005", "4500.00", "4500.00", (2025, 11, 20),
     "ร้านตัวอย่างป้ายโฆษณา", "4320.50", "ร้านตัวอย่างป้ายโฆษณา 4,320.50 บาท"),
    (T.CANCELLATION, "ซื้อครุภัณฑ์คอมพิวเตอร์ (ยกเลิก)", M.E_MARKET, "68119000006", "68000.00", "68000.00",
     (2025, 11, 25), "", None, ""),
    (T.MEDIAN_PRICE, "ขุดลอกคลองส่งน้ำ หมู่ที่ 6", M.E_BIDDING, "68129000007", "780000.00", "779900.00", (2025, 12, 2),
     "", None, ""),
    (T.INVITATION, "ขุดลอกคลองส่งน้ำ หมู่ที่ 6", M.E_BIDDING, "68129000007", "780000.00", "779900.00", (2025, 12, 4),
     "", None, ""),
    (T.WINNER, "ซื้อวัสดุเชื้อเพลิงและหล่อลื่น", M.SPECIFIC, "68129000008", "30000.00", "30000.00", (2025, 12, 10),
     "หจก. ตัวอย่างปิโตรเลียม", "29999.99", "หจก. ตัวอย่างปิโตรเลียม 29,999.99 บาท"),
    (T.WINNER, "จ้างเหมาบริการกำจัดขยะมูลฝอย", M.SPECIFIC, "68129000009", "96000.00", "96000.00", (2025, 12, 22),
     "นายตัวอย่าง ใจดี", "95400.00", "นายตัวอย่าง ใจดี 95,400.00 บาท"),
]  # fmt: skip
ORDINANCES = {
    2568: ("30450000.00", (2024, 9, 20), [
        ("แผนงานบริหารงานทั่วไป", "10250000.00"), ("แผนงานการศึกษา", "6200000.00"),
        ("แผนงานเคหะและชุมชน", "5800000.00"), ("แผนงานสังคมสงเคราะห์", "5600000.00"), ("แผนงานงบกลาง", "2600000.00"),
    ]),
    2569: ("32500000.00", (2025, 9, 18), [
        ("แผนงานบริหารงานทั่วไป", "10800000.00"), ("แผนงานการศึกษา", "6500000.00"),
        ("แผนงานเคหะและชุมชน", "6700000.00"), ("แผนงานสังคมสงเคราะห์", "5900000.00"), ("แผนงานงบกลาง", "2600000.00"),
    ]),
}  # fmt: skip


def _pdf(title, name):
    return ContentFile(sample_pdf(title, ["เอกสารตัวอย่างสำหรับเว็บไซต์สาธิต"]), name=name)


def load(stdout=None):
    plan, created = ProcurementPlan.objects.get_or_create(
        fiscal_year=2569,
        defaults={
            "announced_on": datetime.date(2025, 10, 6),
            "summary": "แผนการจัดซื้อจัดจ้างตัวอย่าง (ข้อมูลสมมติ)",
            "status": Status.PUBLISHED,
            "is_sample": True,
        },
    )
    if created:
        plan.file = _pdf(plan.display_title, "แผนจัดซื้อจัดจ้าง-2569.pdf")
        plan.save()
    for kind, project, method, egp, budget, median, day, winner, contract, bidders in NOTICES:
        title = f"{Notice.Type(kind).label} {project} (ตัวอย่าง)"
        notice, created = Notice.objects.get_or_create(
            title=title,
            is_sample=True,
            defaults={
                "notice_type": kind, "project_name": project, "method": method, "egp_number": egp,
                "budget": Decimal(budget), "median_price": Decimal(median), "announced_on": datetime.date(*day),
                "winner": winner, "contract_amount": Decimal(contract) if contract else None, "bidders": bidders,
                "reason": "เสนอราคาต่ำสุดและคุณสมบัติครบถ้วนตามเงื่อนไข" if winner else "",
                "contract_number": f"{egp[-3:]}/2569" if winner else "",
                "contract_date": datetime.date(*day) + datetime.timedelta(days=3) if winner else None,
                "status": Status.PUBLISHED,
            },
        )  # fmt: skip
        if created:
            notice.file = _pdf(title, f"ประกาศ-{egp}-{kind}.pdf")
            notice.save(update_fields=["file"])
    for year, (total, day, lines) in ORDINANCES.items():
        ordinance, created = BudgetOrdinance.objects.get_or_create(
            fiscal_year=year,
            defaults={
                "total": Decimal(total),
                "enacted_on": datetime.date(*day),
                "status": Status.PUBLISHED,
                "is_sample": True,
            },
        )
        if created:
            ordinance.file = _pdf(ordinance.display_title, f"ข้อบัญญัติงบประมาณ-{year}.pdf")
            ordinance.save()
            BudgetLine.objects.bulk_create(
                BudgetLine(ordinance=ordinance, programme=name, amount=Decimal(amount), order=order)
                for order, (name, amount) in enumerate(lines, start=1)
            )
    if stdout:
        stdout.write("procurement: แผนและประกาศจัดซื้อจัดจ้างตัวอย่าง 2569 และข้อบัญญัติงบประมาณ 2568–2569")
