"""Writes that touch several rows at once, each inside one transaction."""

from django.db import transaction

from pages.models import Announcement


def announcements_set_status(*, announcements, status, user):
    """Publish or withdraw several announcements at once; returns how many changed.

    Saved one by one (not a bulk update) so that updated_at, updated_by and the signals that keep
    other indexes in step all see the change.
    """
    changed = 0
    with transaction.atomic():
        pks = list(announcements.values_list("pk", flat=True))
        # Locked afresh by pk: the admin's queryset may join nullable relations, which FOR UPDATE refuses.
        for announcement in Announcement.objects.select_for_update().filter(pk__in=pks).exclude(status=status):
            announcement.status = status
            announcement.updated_by = user
            announcement.save(update_fields=["status", "updated_by", "updated_at"])
            changed += 1
    return changed
