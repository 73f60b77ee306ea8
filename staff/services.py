"""Writes that touch several people at once."""

from django.db import transaction
from django.utils import timezone

from staff.models import Person


def people_leave_office(*, people, by_user=None, on=None) -> int:
    """พ้นตำแหน่ง: the people stop showing on the site; their records and photos are kept.

    A term end already on record is kept; otherwise the day they left becomes the end of their term.
    Returns how many people were in office and are not any more.
    """
    on = on or timezone.localdate()
    with transaction.atomic():
        leaving = Person.objects.select_for_update().filter(pk__in=[p.pk for p in people], is_active=True)
        ids = list(leaving.values_list("pk", flat=True))
        Person.objects.filter(pk__in=ids, term_end__isnull=True).update(term_end=on)
        Person.objects.filter(pk__in=ids).update(is_active=False, updated_by=by_user, updated_at=timezone.now())
    return len(ids)


def people_return_to_office(*, people, by_user=None) -> int:
    """Undo a mistaken พ้นตำแหน่ง: the people show on the site again."""
    with transaction.atomic():
        returning = Person.objects.select_for_update().filter(pk__in=[p.pk for p in people], is_active=False)
        ids = list(returning.values_list("pk", flat=True))
        Person.objects.filter(pk__in=ids).update(is_active=True, updated_by=by_user, updated_at=timezone.now())
    return len(ids)
