"""Keeping the index in step with the kinds the other apps registered (core.searchable).

A save or delete only notes which items changed; the index is updated once per item after the
transaction commits, so a request that saves an item and its related rows (a reply and its topic's
counters, an announcement and its gallery) indexes it once, never while holding the item's row lock,
and never for a transaction that rolled back. A save whose ``update_fields`` name nothing the
document reads is ignored.
"""

import logging
import re
from html import unescape

from django.apps import apps
from django.contrib.postgres.search import SearchVector
from django.db import connection, connections, transaction
from django.db.models import Value
from django.db.models.signals import post_delete, post_save
from django.utils.html import strip_tags

from core.searchable import KINDS, SearchKind
from core.segment import segmented
from search.models import SearchEntry

logger = logging.getLogger(__name__)

# Where one block of text ends and the next begins: stripping the tags must leave a space there.
_BLOCK_END = re.compile(r"(</(p|div|li|td|th|tr|h[1-6]|blockquote|figcaption|caption|dd|dt)>|<br\s*/?>)", re.IGNORECASE)


def plain_text(html: str) -> str:
    text = strip_tags(_BLOCK_END.sub(r"\1 ", html or ""))
    return " ".join(unescape(text).replace("\xa0", " ").split())


def index_object(kind: SearchKind, obj):
    document = kind.document(obj)
    text = plain_text(document.text)
    fields = {
        "title": document.title[:300],
        "text": text,
        "title_words": segmented(document.title),
        "text_words": segmented(text),
        "url": document.url,
        "date": document.date,
        "group": document.group[:500],
    }
    if connection.vendor == "postgresql":
        # Written with the rest, not by a second UPDATE: each one leaves a dead copy of the whole row behind,
        # and a search reads every block that holds a matching row (twice as many after a rebuild).
        fields["search_vector"] = SearchVector(
            Value(fields["title_words"]), config="simple", weight="A"
        ) + SearchVector(Value(fields["text_words"]), config="simple", weight="B")
    entry, _ = SearchEntry.objects.update_or_create(kind=kind.kind, object_id=obj.pk, defaults=fields)
    return entry


def remove_object(kind: SearchKind, pk):
    SearchEntry.objects.filter(kind=kind.kind, object_id=pk).delete()


def reindex(kind: SearchKind, pk):
    """Index the object as it is now, or drop its entry when it is gone."""
    obj = kind.model_class._default_manager.filter(pk=pk).first()
    if obj is None:
        remove_object(kind, pk)
    else:
        index_object(kind, obj)


class _Batch:
    """The items one transaction changed, indexed once each when it commits."""

    def __init__(self):
        self.items = {}  # (kind name, pk) -> kind, in the order they were first changed

    def add(self, kind, pk):
        self.items.setdefault((kind.kind, pk), kind)

    def flush(self):
        items, self.items = self.items, {}
        for (_name, pk), kind in items.items():
            try:
                reindex(kind, pk)
            except Exception:
                # The change itself is committed and must stand; `rebuild_search_index` repairs the entry.
                logger.exception("Search indexing failed for %s pk=%s", kind.model, pk)


def _schedule(kind: SearchKind, pk, using):
    if pk is None:
        return
    conn = connections[using]
    if not conn.in_atomic_block:
        reindex(kind, pk)
        return
    batch = getattr(conn, "_search_batch", None)
    # A batch whose flush is no longer waiting (it ran, or its transaction rolled back) is stale.
    if batch is None or not any(entry[1] == batch.flush for entry in conn.run_on_commit):
        batch = conn._search_batch = _Batch()
        transaction.on_commit(batch.flush, using=using)
    batch.add(kind, pk)


def _touches(kind: SearchKind, update_fields) -> bool:
    return update_fields is None or kind.fields is None or bool(kind.fields & set(update_fields))


def _touches_dependent(kind: SearchKind, label, update_fields) -> bool:
    fields = kind.dependent_fields.get(label)
    return update_fields is None or fields is None or bool(fields & set(update_fields))


def _on_save(sender, instance, raw=False, using="default", update_fields=None, **kwargs):
    if raw:
        return
    label = sender._meta.label
    for kind in KINDS.values():
        if kind.model == label and _touches(kind, update_fields):
            _schedule(kind, instance.pk, using)
        if label in kind.dependents and _touches_dependent(kind, label, update_fields):
            for obj in kind.dependents[label](instance) or ():
                _schedule(kind, obj.pk, using)


def _on_delete(sender, instance, using="default", **kwargs):
    label = sender._meta.label
    for kind in KINDS.values():
        if kind.model == label:
            _schedule(kind, instance.pk, using)
        elif label in kind.dependents:
            for obj in kind.dependents[label](instance) or ():
                _schedule(kind, obj.pk, using)


def connect_signals():
    labels = {kind.model for kind in KINDS.values()} | {label for k in KINDS.values() for label in k.dependents}
    for label in labels:
        model = apps.get_model(label)
        post_save.connect(_on_save, sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-delete-{label}")


def rebuild(progress=None):
    """Index every object of every kind afresh; returns the number indexed."""
    count = 0
    for kind in KINDS.values():
        objects = kind.model_class._default_manager.all()
        SearchEntry.objects.filter(kind=kind.kind).exclude(object_id__in=objects.values("pk")).delete()
        for obj in objects.iterator(chunk_size=500):
            index_object(kind, obj)
            count += 1
            if progress:
                progress(kind, count)
    return count
