"""Rows read from the database turned into model instances without running Model.__init__ for each.

Django builds every instance a query reads through ``Model.from_db()``, which calls ``Model(*values)``: the
pre_init and post_init signals, and each field set through its descriptor. For a model with an image whose
width and height are stored, post_init runs the image field's ``update_dimension_fields()`` for every row,
which does nothing when the row holds its dimensions. A person card cost 10.8 µs to load that way and 1.3 µs
this way; a page of the organisation reads 40 to 140 rows.

``from_db()`` is the documented place to change how instances are loaded ("Customizing model loading" in
Django's documentation). What makes this exact: an instance made here holds what ``Model(*values)`` would
hold (each value under its field's attname, a fresh ModelState, not adding, the database), and it is made
here only when nothing else would have happened in Model.__init__:

- the model has no __init__ of its own, and no pre_init receiver;
- its only post_init receivers are its image fields' dimension updates, and every image loaded with a file
  has each of its dimensions loaded and set (else Django's path runs, and reads the file's size as before);
- each field's attribute on the class is one of Django's own, which store the value as it is in the
  instance's __dict__ when set on a new instance.

The receivers are read once per model, at its first load: signals are connected as apps are ready.
"""

import inspect

from django.db import models
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor, ImageField, ImageFileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

from core.images import SafeImageField

# The attributes Django gives a concrete field, each of which keeps a value set on a new instance, as it is,
# in the instance's __dict__ (a file is wrapped when it is read, as after Model.__init__).
_STORING_AS_GIVEN = frozenset({DeferredAttribute, ForeignKeyDeferredAttribute, FileDescriptor, ImageFileDescriptor})
_PLANS = {}  # model -> _Plan, or None: loaded by Django's own from_db()


class _Plan:
    def __init__(self, attnames, images):
        self.attnames = attnames  # the concrete fields', in their order
        self.images = images  # (the file's attname, its dimensions' attnames) of each image field


def _dimension_updates(model):
    """The image fields of ``model`` whose dimensions post_init updates: {field: its dimensions' attnames}."""
    return {
        field: tuple(name for name in (field.width_field, field.height_field) if name)
        for field in model._meta.concrete_fields
        if isinstance(field, ImageField) and (field.width_field or field.height_field)
    }


def _only_dimension_updates(model, images):
    # Each does nothing for a row whose file is missing or whose dimensions are set (SafeImageField's only
    # adds what to do when the file cannot be opened).
    updates = {ImageField.update_dimension_fields, SafeImageField.update_dimension_fields}
    receivers = [receiver for found in post_init._live_receivers(model) for receiver in found]
    return len(receivers) == len(images) and all(
        getattr(receiver, "__func__", None) in updates and receiver.__self__ in images for receiver in receivers
    )


def _plan(model):
    if model.__init__ is not models.Model.__init__ or pre_init.has_listeners(model):
        return None
    fields = model._meta.concrete_fields
    if any(type(inspect.getattr_static(model, field.attname, None)) not in _STORING_AS_GIVEN for field in fields):
        return None
    images = _dimension_updates(model)
    if post_init.has_listeners(model) and not _only_dimension_updates(model, images):
        return None
    return _Plan(tuple(field.attname for field in fields), [(field.attname, names) for field, names in images.items()])


class QuicklyLoaded(models.Model):
    """A model whose rows are loaded without Model.__init__ where that is exactly the same (see above)."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        try:
            plan = _PLANS[cls]
        except KeyError:
            plan = _PLANS[cls] = _plan(cls)
        if plan is None:
            return super().from_db(db, field_names, values)
        # Every field loaded: the values in the fields' order, as Django's from_db takes them; else by name.
        loaded = dict(zip(plan.attnames if len(values) == len(plan.attnames) else field_names, values, strict=True))
        for file, dimensions in plan.images:
            if loaded.get(file) and not all(loaded.get(name) for name in dimensions):
                return super().from_db(db, field_names, values)  # the dimensions read from the file, as ever
        new = cls.__new__(cls)
        new.__dict__.update(loaded)
        state = new._state = ModelState()
        state.adding = False
        state.db = db
        return new
