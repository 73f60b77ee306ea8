"""Writes that touch several rows of the ITA hub, and the questions the admin asks about a year."""

from django.core.exceptions import ValidationError
from django.db import transaction

from core.compiled import compiled
from documents.models import AssessmentYear, ItaItem, ItaLink


def assessment_year_copy(*, source: AssessmentYear, to_year: int) -> AssessmentYear:
    """A new, unpublished year with every item and every link of ``source``; ``source`` is left as it was."""
    if AssessmentYear.objects.filter(year=to_year).exists():
        raise ValidationError(f"มีรายการของปี {to_year} อยู่แล้ว กรุณาแก้ไขปีนั้นโดยตรง", code="ita_year_exists")
    with transaction.atomic():
        target = AssessmentYear.objects.create(
            year=to_year,
            title=source.title.replace(str(source.year), str(to_year)) if source.title else "",
            introduction=source.introduction,
            is_published=False,
        )
        items = list(source.items.prefetch_related("links"))
        copies = ItaItem.objects.bulk_create(
            ItaItem(
                year=target, code=item.code, title=item.title, group=item.group, description=item.description,
                order=item.order,
            )
            for item in items
        )  # fmt: skip
        ItaLink.objects.bulk_create(
            ItaLink(
                item=copy, label=link.label, document_id=link.document_id, url=link.url, url_name=link.url_name,
                order=link.order,
            )
            for item, copy in zip(items, copies, strict=True)
            for link in item.links.all()
        )  # fmt: skip
    return target


def items_with_links(year: AssessmentYear, *, public: bool):
    """The year's items, each with ``public_links`` (those the public may follow) and ``shown_links`` (those
    this reader sees: the public ones, or all of them for a clerk). Two queries, compiled once (core/compiled.py):
    after an edit, the hub is the first page an auditor opens."""
    items = list(compiled(("documents.ita_items",), lambda pk: ItaItem.objects.filter(year_id=pk), year.pk))
    links_of = {item.pk: [] for item in items}
    links = compiled(
        ("documents.ita_links",),
        lambda pk: ItaLink.objects.filter(item__year_id=pk).select_related("document").order_by("order", "pk"),
        year.pk,
    )
    for link in links:
        links_of[link.item_id].append(link)
    for item in items:
        item.year = year
        item.public_links = [link for link in links_of[item.pk] if link.is_published()]
        item.shown_links = item.public_links if public else links_of[item.pk]
    return items


def missing_items(year: AssessmentYear):
    """Items with nothing published behind them: no link, or only links to drafts and pages that do not exist."""
    return [item for item in items_with_links(year, public=True) if not item.public_links]


def item_groups(items):
    """[(group heading, [items])] in the items' order."""
    groups = []
    for item in items:
        if not groups or groups[-1][0] != item.group:
            groups.append((item.group, []))
        groups[-1][1].append(item)
    return groups


def documents_set_status(*, documents, status, user):
    with transaction.atomic():
        changed = 0
        for document in documents.select_for_update():
            if document.status != status:
                document.status = status
                document.updated_by = user
                document.save(update_fields=["status", "updated_by", "updated_at"])
                changed += 1
    return changed
