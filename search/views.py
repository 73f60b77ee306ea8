from django.core.paginator import Paginator
from django.shortcuts import render

from core.searchable import KINDS
from search.engine import MAX_QUERY_LENGTH, highlight, search
from search.models import SearchEntry

RESULTS_PER_PAGE = 10


def results(request):
    query = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    if kind not in KINDS:
        kind = ""
    outcome = search(query, kind=kind or None)
    page = Paginator(outcome.ids, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    entries = SearchEntry.objects.in_bulk(list(page.object_list))
    hits = []
    for pk in page.object_list:
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
