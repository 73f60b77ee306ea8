"""What changed between two versions of an item, field by field, for the compare page."""

import contextlib
import difflib
import json
from dataclasses import dataclass
from html import unescape

from django.core import serializers
from django.db import models
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from history.tracked import CHILDREN
from history.versioning import children_of

SKIPPED = {"created_at", "updated_at", "updated_by"}


@dataclass
class Change:
    label: str
    before: str
    after: str
    diff: str  # HTML: removed words in <del>, added ones in <ins>


def plain(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    return " ".join(unescape(strip_tags(str(value))).replace("\xa0", " ").split())


def word_diff(before, after):
    old, new = before.split(" "), after.split(" ")
    pieces = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(escape(" ".join(old[a1:a2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(f"<del>{escape(' '.join(old[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            pieces.append(f"<ins>{escape(' '.join(new[b1:b2]))}</ins>")
    return mark_safe(" ".join(pieces))


def field_values(model, instance):
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in SKIPPED or not field.editable and not isinstance(field, models.FileField):
            continue
        if field.choices:
            value = dict(field.flatchoices).get(getattr(instance, field.attname), getattr(instance, field.attname))
        elif isinstance(field, models.ForeignKey):
            value = getattr(instance, field.attname)
            with contextlib.suppress(field.related_model.DoesNotExist):
                value = getattr(instance, field.name) or ""
        else:
            value = getattr(instance, field.attname)
        values[field.name] = (str(field.verbose_name), plain(value))
    return values


def children_summary(version_or_item, is_live):
    """The children (gallery images, attachments) as a list of short names."""
    if is_live:
        return sorted(str(child) for child in children_of(version_or_item))
    names = []
    for other in version_or_item.revision.version_set.all():
        model = other._model
        if model is None or model._meta.label not in CHILDREN:
            continue
        child = other._object_version.object
        if str(getattr(child, f"{CHILDREN[model._meta.label]}_id")) == version_or_item.object_id:
            names.append(other.object_repr)
    return sorted(names)


def instance_of(version):
    return version._object_version.object


def live_copy(item):
    """The live item read through the same serializer as a version, so both sides compare alike."""
    data = serializers.serialize("json", [item])
    return next(serializers.deserialize("json", json.dumps(json.loads(data)))).object


def changes(model, before, after, children_before, children_after):
    old, new = field_values(model, before), field_values(model, after)
    rows = [
        Change(label, old[name][1], new[name][1], word_diff(old[name][1], new[name][1]))
        for name, (label, _) in new.items()
        if old.get(name, ("", ""))[1] != new[name][1]
    ]
    if children_before != children_after:
        removed = [name for name in children_before if name not in children_after]
        added = [name for name in children_after if name not in children_before]
        diff = " ".join([*(f"<del>{escape(n)}</del>" for n in removed), *(f"<ins>{escape(n)}</ins>" for n in added)])
        rows.append(
            Change("ภาพในอัลบั้มและไฟล์แนบ", ", ".join(children_before), ", ".join(children_after), mark_safe(diff))
        )
    return rows
