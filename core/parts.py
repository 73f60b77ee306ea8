"""Parts of a page kept rendered, so that a page rendered afresh after an edit renders only what the edit changed.

Any edit draws a new generation (core/page_cache.py), so every page is rendered again on its next request;
most of what it shows has not changed. A part (``{% part %}`` in core/templatetags/page_parts.py) is a piece
of a template kept as HTML beside the pages, until one of the tables it depends on is written: the tables
its own render read, and, unless it is isolated, every table the page read before it (the view's objects,
lazy values evaluated earlier and used again without a query). A part found kept notes its tables as if it
had read them, so the parts and the page around it depend on them too.

- An **isolated** part (``only``) is rendered with a context of its own: the request, the visitor, the CSRF
  token and the shell's data drawn afresh (core.context_processors.site), and the values named in the tag;
  nothing of the view's. What it reads cannot reach the rest of the page, so the rest does not depend on it,
  and it depends on its own reads only: the header, the menu and the footer are rendered again after an edit
  of the profile or the menu, not after an edit of a news item; a page's own content, after an edit of what
  it shows, not after an edit of the profile. The same context is used whether the part is kept or not, so
  every test of a page also tests that the part needs nothing else.
- Base.html renders the page's own content (the breadcrumbs and the content block) first, as the part
  ``main``, before the head and the shell read the profile and the menu.
- Parts are kept only for the anonymous requests the page cache keeps: a page that turns out personal or
  private leaves none behind (page_cache.keep), and logged-in users, previews and forms sent back with
  errors always get every part rendered afresh. A part is never kept past the moment its page expires (the
  next scheduled change, the next midnight), nor when something was written while its page rendered.
- Live parts (a form's CSRF token, the visitor counter: page_cache.register_live_part) are cut out of a kept
  part and drawn again for each request.
- **Shell parts** (``{% shell %}``, below) are isolated parts the page is kept apart from: after an edit of
  them alone, the page is put together from what it was and them, without its view.
"""

import hashlib

from django.utils.safestring import mark_safe

from core import page_cache

PART_KEY = "page-cache:part:v2:{digest}"
# What an isolated part sees of the page's context, besides the shell's data and the values named in its tag.
ISOLATED_NAMES = ("request", "user", "perms", "csrf_token", "messages", "DEFAULT_MESSAGE_LEVELS")


def isolated_context(context, values):
    """A context holding only what any page has (the request, the visitor, the shell's data drawn afresh, so
    that a part reads it, or notes it, itself) and ``values``."""
    from core.context_processors import site

    request = context.get("request")
    shared = {name: context[name] for name in ISOLATED_NAMES if name in context}
    return context.new({**shared, **(site(request) if request is not None else {}), **values})


def _key(origin, name, vary, request):
    asked = "|".join([origin, name, *page_cache.drawn_for(request), *map(str, vary)])
    return PART_KEY.format(digest=hashlib.sha256(asked.encode()).hexdigest())


def _kept(key, now):
    entry = page_cache._LOCAL_PARTS.get(key)
    if entry is None:
        entry = page_cache._cache().get(key)
        if entry is None:
            return None
        page_cache._LOCAL_PARTS.put(key, entry)
    if entry["expires"] <= now or page_cache.slot_versions(entry["slots"]) != entry["versions"]:
        page_cache._LOCAL_PARTS.discard(key)
        return None
    if len(entry["segments"]) > 1 and any(kind == "hole" and value not in _HOLES for kind, value in entry["segments"]):
        return None  # a part this worker has not loaded the template of: rendered here instead
    return entry


# --- Holes ---------------------------------------------------------------------------------------------
# An isolated part without values or vary inside another part (the home page's hero inside the page's
# content) is kept as a hole of it: the part around keeps a reference, not the HTML, and does not depend on
# the hole's tables; each time it is served, the hole is filled from its own entry (or rendered again). So
# an edit of the profile renders the hero again, not the rest of the home page. The marks below travel up
# through the parts around it and are taken out by the outermost one.
HOLE = page_cache.HOLE
_HOLES = {}  # "template|name" -> the tag's render(context), registered as templates are compiled


def register_hole(origin, name, render):
    _HOLES[f"{origin}|{name}"] = render


# --- Shell parts -------------------------------------------------------------------------------------
# A shell part (``{% shell %}``: the header, the menu, the footer, the organisation's name in the head) is an
# isolated part the page around it does not depend on: the page is kept with the tables read outside its
# shell parts apart (its "glue": page_cache.RequestReads.glue). When only a shell part's tables changed (an
# edit of the profile, of the menu), the page is put together again from its glue, kept as it was, and its
# shell parts, served or rendered afresh for the request alone, without running the view
# (page_cache.put_together). What a shell part shows may differ only by what its key holds (the request's
# address, host, display choice, and the values in its tag, which come from the request): a shell part whose
# key comes out otherwise than the page's copy of it stops that, and the page is rendered whole.
_SHELLS = {}  # "template|name" -> the tag's render(context), registered as templates are compiled


class CannotPutTogether(Exception):
    """The page cannot be put together from its glue and shell parts: it is rendered whole."""


def register_shell(origin, name, render):
    _SHELLS[f"{origin}|{name}"] = render


def render_shells(request, references):
    """{reference: the HTML of the shell part ``reference`` ("template|name|key") for ``request``}, each
    rendered in a context of the request alone (one per template, as the page's template would make it), or
    CannotPutTogether."""
    from django.template import engines
    from django.template.context import make_context

    reads = page_cache.request_reads()
    by_template = {}
    for reference in references:
        by_template.setdefault(reference.split("|", 1)[0], []).append(reference)
    html = {}
    for origin, asked in by_template.items():
        template = engines["django"].engine.get_template(origin)  # compiled (its parts registered) if need be
        context = make_context({}, request)
        with context.render_context.push_state(template), context.bind_template(template):
            for reference in asked:
                _, name, reads.expected_shell = reference.split("|")
                render = _SHELLS.get(f"{origin}|{name}") or _HOLES.get(f"{origin}|{name}")
                if render is None:
                    raise CannotPutTogether(f"{origin}|{name}: no such shell part")
                try:
                    html[reference] = _unmarked(str(render(context)))
                    if reads.expected_shell is not None:  # rendered without the page cache seeing it
                        raise CannotPutTogether(f"{origin}|{name}: its key was not checked")
                finally:
                    reads.expected_shell = None
    return html


def _marked(hole, html):
    return f"{HOLE}{hole}{HOLE}{html}{HOLE}/{HOLE}"


def _unmarked(html):
    return page_cache.replace_marks(html, lambda mark: mark.inner)


def _segments(content):
    """The kept form of a rendered part: its HTML (cut at live parts) and references to its holes, in order."""
    segments, position = [], 0
    for mark in page_cache.marks(content):
        segments.append(("html", page_cache.split_live_parts(content[position : mark.start].encode())))
        segments.append(("hole", mark.name))
        position = mark.end
    segments.append(("html", page_cache.split_live_parts(content[position:].encode())))
    return segments


def _served(entry, context, request, reads):
    segments = entry["segments"]
    if len(segments) == 1:  # no hole (most parts): its HTML, and what is drawn for the request in it
        pieces = segments[0][1]
        return (pieces[0] if len(pieces) == 1 else page_cache.fill_live_parts(request, pieces)).decode()
    out = []
    outermost = not reads.open_parts
    for kind, value in segments:
        if kind == "html":
            out.append(page_cache.fill_live_parts(request, value).decode())
        elif outermost:  # a hole of the page's, outside its glue, as when the part is rendered (_as_shells)
            with reads.outside_glue():
                out.append(_marked(value, str(_HOLES[value](context))))
        else:
            out.append(str(_HOLES[value](context)))
    return "".join(out)


def _as_shells(html, request, reads):
    """The outermost part's HTML, its holes marked as the page's shell parts: like them, a hole depends on
    nothing of the page around it (isolated, no values, no vary), so the page is put together with it
    rendered afresh when it alone changed (the home page's hero after an edit of the profile)."""

    def as_shell(mark):
        if mark.name.count("|") != 1:  # a shell part's mark already
            return html[mark.start : mark.end]
        reads.shells = True
        origin, name = mark.name.split("|")
        return _marked(f"{origin}|{name}|{_key(origin, name, [], request)}", mark.inner)

    return page_cache.replace_marks(html, as_shell)


def render_part(context, *, origin, name, vary, isolated, may_be_hole, values, render, shell=False):
    """The part's HTML: kept, or rendered by ``render(context)`` (in an isolated context when ``isolated``)."""
    reads = page_cache.request_reads()
    request = context.get("request")
    if reads is None or request is not reads.request:  # not a page the cache keeps: rendered every time
        return render(isolated_context(context, values) if isolated else context)
    hole = may_be_hole and reads.open_parts and not reads.in_hole()
    key = _key(origin, name, vary, request)
    shell = shell and not reads.open_parts  # inside another part, a shell part is an isolated part like any
    if not reads.open_parts and reads.expected_shell is not None:
        if key != reads.expected_shell:
            raise CannotPutTogether(f"{origin}|{name}: the page asked for another copy of it")
        reads.expected_shell = None  # checked (render_shells makes sure it was)
    if shell:
        reads.shells = True
    # What a shell part or a hole reads is not the page's glue (core/page_cache.py's put_together). What
    # reads.outside_glue() does, without a context manager made for each of a page's dozen parts.
    was_in_shell = reads.in_shell
    if shell or hole:
        reads.in_shell = True
    try:
        entry = reads.pending.get(key) or _kept(key, reads.started)
        if entry is not None:
            if hole:  # the parts around it keep a reference to it, not its HTML; the page is kept with its HTML
                reads.note_hole(entry["tables"])
            else:
                reads.note(entry["tables"], isolated=isolated)
            html = _served(entry, context, request, reads)
        else:
            html = _render(context, reads, key, isolated=isolated, hole=hole, values=values, render=render)
    finally:
        reads.in_shell = was_in_shell
    if hole:
        return mark_safe(_marked(f"{origin}|{name}", html))
    if shell:  # the page cache cuts the page at it (page_cache.take_shells)
        # Served with no hole in it, a part has no mark to take out.
        return mark_safe(_marked(f"{origin}|{name}|{key}", _unmarked(html) if HOLE in html else html))
    return mark_safe(html if reads.open_parts else _as_shells(html, request, reads))


def _render(context, reads, key, *, isolated, hole, values, render):
    tables_inside = reads.open_part(isolated, hole)
    try:
        html = str(render(isolated_context(context, values) if isolated else context))
    finally:
        reads.close_part()
    # Values named in the tag come from the page around it: the part depends on what was read before it too.
    tables = sorted(tables_inside if isolated and not values else tables_inside | reads.read_before())
    # The versions before the generation: a write that lands between the two is seen by the check below
    # (its new generation is drawn first), so stale HTML is never kept under the new versions. The
    # generation is the one drawn before the page read anything: the part may show what the page read
    # before it began (a write between the two would leave that stale under the new versions).
    slots = page_cache.dependencies(tables)
    versions = page_cache.slot_versions(slots)
    if page_cache.current_generation() == reads.generation:  # else something was written: keep nothing
        reads.pending[key] = {
            "tables": tables,
            "slots": slots,
            "versions": versions,
            "expires": reads.expires,
            "segments": _segments(html),
            "size": len(html.encode()),
        }
    return html
