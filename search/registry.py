"""Which models are searchable, how each becomes a document, and keeping the index in step.

Indexing happens inside the saving transaction, so the index rolls back with the data.
Each kind names its model, the queryset the public may see (the model's own ``published()``), and a
function that turns one object into a Document. Saving or deleting an object re-indexes it; saving a
related object (a forum post, a person's unit...) re-indexes the objects that show its text.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import unescape

from django.apps import apps
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value
from django.db.models.signals import post_delete, post_save
from django.utils.html import strip_tags

from search.segment import segmented


@dataclass(frozen=True)
class Document:
    title: str
    text: str
    url: str
    date: object = None


@dataclass
class SearchKind:
    kind: str
    label: str
    model: str  # "app_label.ModelName"
    public: Callable[[], object]  # () -> the queryset the public may see
    document: Callable[[object], Document]
    # Other models whose change alters this kind's documents: label -> obj -> objects of this kind.
    dependents: dict[str, Callable[[object], Iterable]] = field(default_factory=dict)

    @property
    def model_class(self):
        return apps.get_model(self.model)


KINDS: dict[str, SearchKind] = {}


def register(kind: SearchKind):
    KINDS[kind.kind] = kind


# Where one block of text ends and the next begins: stripping the tags must leave a space there.
_BLOCK_END = re.compile(r"(</(p|div|li|td|th|tr|h[1-6]|blockquote|figcaption|caption|dd|dt)>|<br\s*/?>)", re.IGNORECASE)


def plain_text(html: str) -> str:
    text = strip_tags(_BLOCK_END.sub(r"\1 ", html or ""))
    return " ".join(unescape(text).replace("\xa0", " ").split())


def index_object(kind: SearchKind, obj):
    from search.models import SearchEntry

    document = kind.document(obj)
    text = plain_text(document.text)
    entry, _ = SearchEntry.objects.update_or_create(
        kind=kind.kind,
        object_id=obj.pk,
        defaults={
            "title": document.title[:300],
            "text": text,
            "title_words": segmented(document.title),
            "text_words": segmented(text),
            "url": document.url,
            "date": document.date,
        },
    )
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(pk=entry.pk).update(
            search_vector=SearchVector(Value(entry.title_words), config="simple", weight="A")
            + SearchVector(Value(entry.text_words), config="simple", weight="B")
        )
    return entry


def remove_object(kind: SearchKind, pk):
    from search.models import SearchEntry

    SearchEntry.objects.filter(kind=kind.kind, object_id=pk).delete()


def _on_save(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    label = sender._meta.label
    for kind in KINDS.values():
        if kind.model == label:
            _reindex_pk(kind, instance.pk)
        if label in kind.dependents:
            for obj in kind.dependents[label](instance) or ():
                _reindex_pk(kind, obj.pk)


def _on_delete(sender, instance, **kwargs):
    label = sender._meta.label
    for kind in KINDS.values():
        if kind.model == label:
            remove_object(kind, instance.pk)
        elif label in kind.dependents:
            for obj in kind.dependents[label](instance) or ():
                _reindex_pk(kind, obj.pk)


def _reindex_pk(kind: SearchKind, pk):
    obj = kind.model_class._default_manager.filter(pk=pk).first()
    if obj is None:
        remove_object(kind, pk)
    else:
        index_object(kind, obj)


def connect_signals():
    labels = {kind.model for kind in KINDS.values()} | {label for k in KINDS.values() for label in k.dependents}
    for label in labels:
        model = apps.get_model(label)
        post_save.connect(_on_save, sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-delete-{label}")


def rebuild(progress=None):
    """Index every object of every kind afresh; returns the number indexed."""
    from search.models import SearchEntry

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
