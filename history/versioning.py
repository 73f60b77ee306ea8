"""Versions of every tracked item (django-reversion), the recycle bin, and restoring from either.

A save in the admin becomes one revision with the clerk's name and the admin's change message
(history.middleware); a save anywhere else (a service, the shell, load_demo) gets a revision of its own,
so *every* save keeps a version. A revision holds the item with its children (gallery, attachments).
Deleting a tracked item first copies it and its children into the recycle bin, in the same transaction.
"""

import reversion
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models.signals import post_save, pre_delete
from reversion.errors import RevertError

from core.templatetags.thai_dates import thai_datetime
from history.models import DeletedItem
from history.tracked import CHILDREN, TRACKED


class RestoreRefused(Exception):
    """A restore that cannot be done; ``message`` is Thai and says what to do."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


# --- keeping versions ----------------------------------------------------------------------------------


def track_all():
    for label, follow in TRACKED.items():
        model = apps.get_model(label)
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow)
        post_save.connect(_version_outside_a_revision, sender=model, dispatch_uid=f"history-save-{label}")
        pre_delete.connect(_to_recycle_bin, sender=model, dispatch_uid=f"history-bin-{label}")
    for label in CHILDREN:
        model = apps.get_model(label)
        if not reversion.is_registered(model):
            reversion.register(model)
        post_save.connect(_version_the_parent, sender=model, dispatch_uid=f"history-child-{label}")


def _version_outside_a_revision(sender, instance, raw=False, **kwargs):
    # Inside a revision (an admin request, a restore) django-reversion adds the item itself.
    if raw or reversion.is_active():
        return
    with reversion.create_revision():
        reversion.add_to_revision(instance)


def _version_the_parent(sender, instance, raw=False, **kwargs):
    """A gallery image or an attachment saved: a new version of its item, which follows its children."""
    if raw:
        return
    parent = getattr(instance, CHILDREN[sender._meta.label], None)
    if parent is None:
        return
    if reversion.is_active():
        reversion.add_to_revision(parent)
        return
    with reversion.create_revision():
        reversion.add_to_revision(parent)


def children_of(item):
    return [child for name in TRACKED.get(item._meta.label, ()) for child in getattr(item, name).all()]


def _to_recycle_bin(sender, instance, **kwargs):
    """Runs before the delete, while the children are still there: the bin gets the item as it was."""
    children = children_of(instance)
    DeletedItem.objects.create(
        content_type=ContentType.objects.get_for_model(sender),
        object_id=str(instance.pk),
        title=str(instance)[:300],
        data=serializers.serialize("json", [instance, *children]),
        child_count=len(children),
        deleted_by=reversion.get_user() if reversion.is_active() else None,
    )


# --- restoring -----------------------------------------------------------------------------------------

CONFLICT = (
    "กู้คืนไม่ได้ เพราะข้อมูลบางส่วนชนกับรายการที่มีอยู่ตอนนี้ (เช่น มีรายการอื่นใช้ชื่อในลิงก์เดียวกัน) "
    "หรือสิ่งที่รายการนี้อ้างถึงถูกลบไปแล้ว (เช่น หมวด) กรุณาแก้รายการที่ชนกันหรือสร้างหมวดคืน แล้วลองอีกครั้ง"
)


def _child_versions(version):
    """The versions of the item's children saved in the same revision as the item's version."""
    found = []
    for other in version.revision.version_set.exclude(pk=version.pk):
        parent_field = CHILDREN.get(other._model._meta.label) if other._model else None
        if parent_field is None:
            continue
        child = other._object_version.object
        if (
            str(getattr(child, f"{parent_field}_id")) == version.object_id
            and other._model._meta.get_field(parent_field).related_model == version._model
        ):
            found.append(other)
    return found


def restore_version(*, version, user):
    """Puts the item back as it was in this version, its gallery and attachments included; the restore is
    itself a new version, so it can be undone the same way."""
    model = version._model
    try:
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(f"กู้คืนฉบับวันที่ {thai_datetime(version.revision.date_created)}")
            children = _child_versions(version)
            version.revert()
            item = model._default_manager.get(pk=version.object_id)
            kept = {(other.content_type_id, other.object_id) for other in children}
            for child in children_of(item):
                if (ContentType.objects.get_for_model(child).pk, str(child.pk)) not in kept:
                    child.delete()
            for other in children:
                other.revert()
            item = model._default_manager.get(pk=version.object_id)
            item.save()  # an ordinary save: the search index and a new version see the restored item
    except (IntegrityError, RevertError, DatabaseError) as error:
        raise RestoreRefused(CONFLICT, code="restore_conflict") from error
    return item


def restore_deleted(*, entry: DeletedItem, user):
    """Puts a deleted item back from the recycle bin, with its children, under its old id and links."""
    model = entry.content_type.model_class()
    if model._default_manager.filter(pk=entry.object_id).exists():
        raise RestoreRefused("รายการนี้มีอยู่ในเว็บไซต์แล้ว (อาจมีผู้กู้คืนไปก่อนหน้านี้) ไม่ต้องกู้คืนซ้ำ", code="already_restored")
    try:
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(f"กู้คืนจากถังขยะ (ถูกลบเมื่อ {thai_datetime(entry.deleted_at)})")
            for stored in serializers.deserialize("json", entry.data):
                stored.save()
            item = model._default_manager.get(pk=entry.object_id)
            item.save()  # an ordinary save: the search index and a new version see the restored item
            entry.delete()
    except (IntegrityError, DatabaseError, serializers.base.DeserializationError) as error:
        raise RestoreRefused(CONFLICT, code="restore_conflict") from error
    return item
