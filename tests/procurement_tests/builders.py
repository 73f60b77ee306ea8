import datetime
from decimal import Decimal

from procurement.models import Notice, Status

Type, Method = Notice.Type, Notice.Method


def notice(
    title="ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุสำนักงาน",
    *,
    notice_type=Type.WINNER,
    day=datetime.date(2025, 11, 10),
    budget="10000.00",
    contract="9500.50",
    status=Status.PUBLISHED,
    **extra,
):
    return Notice.objects.create(
        notice_type=notice_type,
        title=title,
        project_name=extra.pop("project_name", title.removeprefix("ประกาศผู้ชนะการเสนอราคา ")),
        method=extra.pop("method", Method.SPECIFIC),
        budget=Decimal(budget),
        median_price=Decimal(budget),
        announced_on=day,
        winner=extra.pop("winner", "ร้านตัวอย่างการค้า" if notice_type == Type.WINNER else ""),
        contract_amount=Decimal(contract) if contract is not None and notice_type == Type.WINNER else None,
        status=status,
        **extra,
    )
