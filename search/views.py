from django.core.paginator import Paginator
from django.shortcuts import render

from core.compiled import compiled
from core.searchable import KINDS
from search.engine import MAX_QUERY_LENGTH, RESULTS_PER_PAGE, highlight, search
from search.models import SearchEntry

# Past it a page number is taken as "the last page" anyway (Paginator), and it keeps OFFSET a small number.
LAST_PAGE_ASKED = 1_000_000


def _window(page_asked):
    """The slice of the results that the page asked for shows, read by search() with the counts. For a page
    number out of range Paginator shows another page, which costs one more statement."""
    try:
        number = min(max(int(page_asked), 1), LAST_PAGE_ASKED)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * RESULTS_PER_PAGE
    return slice(start, start + RESULTS_PER_PAGE)


def results(request):
    query = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    if kind not in KINDS:
        kind = ""
    outcome = search(query, kind=kind or None, window=_window(request.GET.get("page")))
    page = Paginator(outcome.ids, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    # One shape per number of results on a page: compiled once (core/compiled.py), each id a parameter.
    entries = {
        entry.pk: entry
        for entry in (
            compiled(("search.entries", len(ids)), lambda *ids: SearchEntry.objects.shown().filter(pk__in=ids), *ids)
            if ids
            else ()
        )
    }
    hits = []
    for pk in ids:
        entry = entries[pk]
        entry.kind_label = KINDS[entry.kind].label
        entry.snippet = highlight(entry.text or entry.title, outcome.words)
        entry.title_html = highlight(entry.title, outcome.words, whole=True)
        hits.append(entry)
    kinds = [(k.kind, k.label, outcome.kind_counts.get(k.kind, 0)) for k in KINDS.values()]
    return render(
        request,
        "search/results.html",
        {
            "query": outcome.query,
            "too_long": len(query) > MAX_QUERY_LENGTH,
            "outcome": outcome,
            "hits": hits,
            "page_obj": page,
            "total": sum(outcome.kind_counts.values()),
            "shown": len(outcome.ids),
            "kind": kind,
            "kind_label": KINDS[kind].label if kind else "",
            "kinds": kinds,
            "breadcrumbs": [("ค้นหา", None)],
        },
    )
