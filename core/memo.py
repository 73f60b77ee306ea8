"""Pieces of a page kept rendered by the values they show, so that a page rendered again after an edit
renders only the items that changed (``{% memo %}`` in core/templatetags/page_parts.py).

A part (core/parts.py) is rendered again when any table it read is written: after one person's phone number
changes, the whole directory is rendered again, every card of it. Most of that work gives the same HTML as
before. A memo is keyed by the values it is given instead, as they were read from the database: a model
instance by every value loaded on it (its fields, the related objects loaded with it, what the view set on
it), so that the card of a person whose row did not change is not rendered again.

What makes that exact:

- A memo is rendered in a context holding only the values named in its tag: it cannot show anything else of
  the page (the same context is used whether it is kept or not, so every test of a page tests that too).
- A memo whose render ran a query is not kept: what it showed came from somewhere its key does not cover.
- A value whose state cannot be read exactly (a lazy object, a queryset not yet read, an object of a kind
  not listed below) makes a memo that is rendered every time.
- A memo is kept until the moment its page expires (the next scheduled change, the next midnight), so
  whatever depends on the time (a draft's banner, "current" terms) changes when a page would.
- Memos are kept only for the anonymous requests the page cache keeps, in this worker's memory, up to
  PAGE_CACHE_LOCAL_BYTES: each worker renders an item once, and again after it changes. The key holds the
  tag's number, drawn as the template is compiled, so a template compiled again (a deploy, a new process)
  starts afresh.
"""

import datetime
import decimal
import hashlib
import itertools
import pickle
import uuid

from django.db.models import Model, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.safestring import SafeString

from core import page_cache

# Kinds whose value is all of their state (checked by exact type: the common case costs one set lookup).
_PLAIN = frozenset(
    {type(None), bool, int, float, str, bytes, decimal.Decimal, datetime.date, datetime.datetime, datetime.time}
    | {uuid.UUID}
)
_LOCAL_MEMOS = page_cache.LocalPages()
_TAG_NUMBERS = itertools.count()


def number_tag():
    """A number for a memo tag being compiled, never given to another in this process."""
    return next(_TAG_NUMBERS)


class Unreadable(Exception):
    """A value whose state cannot be read exactly: the memo holding it is rendered every time."""


def state_of(value, seen=None):
    """A picklable form of everything ``value`` holds, or Unreadable."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is SafeString:  # its text, marked: pickled as itself, through its class, it cost three times as much
        return ("safe", str.__str__(value))
    if seen is None:
        seen = {}
    if isinstance(value, Model):
        # An object met again (a person's unit listing its people) is named by the order it was first met
        # in, not read again: its state is in the key already.
        if id(value) in seen:
            return ("seen", seen[id(value)])
        seen[id(value)] = len(seen)
        # Every value loaded on it, by name (fields, annotations, what the view set), and the related objects
        # loaded with it. A file is its name: the object's other fields (its size) are in the key too.
        state = [value._meta.label]
        for name, held in value.__dict__.items():
            if name != "_state" and name != "_prefetched_objects_cache":
                if type(held) not in _PLAIN:
                    held = held.name if isinstance(held, FieldFile) else state_of(held, seen)
                state += (name, held)
        for name, held in value._state.fields_cache.items():
            state += (name, state_of(held, seen))
        for name, held in getattr(value, "_prefetched_objects_cache", {}).items():
            state += (name, state_of(held, seen))
        return state
    if isinstance(value, QuerySet):
        if value._result_cache is None:
            raise Unreadable("a queryset not read yet")
        return ("queryset", [state_of(item, seen) for item in value._result_cache])
    if kind is list or kind is tuple:  # each by its kind: {{ value }} shows a list and a tuple apart
        return (kind.__name__, [state_of(item, seen) for item in value])
    if kind is dict:
        return ("dict", [(name, state_of(item, seen)) for name, item in value.items()])
    # A file given alone is read by {% picture %} through its object, which its name does not cover.
    raise Unreadable(kind.__name__)


def _key(tag, values, reads):
    try:
        state = state_of(values)
    except Unreadable:
        return None
    asked = (tag, page_cache.drawn_for(reads.request), state)
    return hashlib.blake2b(pickle.dumps(asked, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20).digest()


def render_memo(context, *, tag, values, render):
    """The memo's HTML: kept, or ``render(context)`` with only ``values`` in it."""
    reads = page_cache.request_reads()
    request = context.get("request")
    if reads is None or request is not reads.request:  # not a page the cache keeps: rendered every time
        return render(context.new(values))
    key = _key(tag, values, reads)
    if key is None:
        return render(context.new(values))
    entry = reads.pending_memos.get(key) or _LOCAL_MEMOS.get(key)
    if entry is not None and entry["expires"] > timezone.now().timestamp():
        return entry["html"]
    statements = reads.statements
    html = render(context.new(values))
    if reads.statements == statements:  # what it shows came from its values alone
        reads.pending_memos[key] = {"html": html, "expires": reads.expires, "size": len(html) * 3 + 100}
    return html


def keep(reads):
    """The memos of a page that proved to be one the cache keeps (page_cache.keep)."""
    for key, entry in reads.pending_memos.items():
        _LOCAL_MEMOS.put(key, entry)


def clear():
    _LOCAL_MEMOS.clear()
