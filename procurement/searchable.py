"""Procurement notices in site-wide search (registered by procurement.apps when the app is ready)."""

import datetime

from django.utils import timezone

from core.searchable import Document, SearchKind, register


def register_kinds():
    register(_notice())


def _notice():
    def document(notice):
        return Document(
            title=notice.title,
            text=f"{notice.get_notice_type_display()} {notice.project_name} {notice.get_method_display()} "
            f"ปีงบประมาณ {notice.fiscal_year} {notice.egp_number} {notice.winner}",
            url=notice.get_absolute_url(),
            date=timezone.make_aware(datetime.datetime.combine(notice.announced_on, datetime.time())),
        )

    return SearchKind(kind="procurement_notice", label="ประกาศจัดซื้อจัดจ้าง", model="procurement.Notice", document=document)
