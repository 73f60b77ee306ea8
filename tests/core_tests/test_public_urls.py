"""Every public address the site offers answers 200, in a pinned number of SQL queries.

The addresses are those a visitor or a search engine finds: every entry of sitemap.xml and every
entry of the main menu, on the sample content. Each kind of page (by its URL name) has a ceiling of
queries, the count it had before the platform's core was split out of `pages`; a page may get
cheaper, never dearer.
"""

import os
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

QUERY_CEILINGS = {
    "documents:detail": 4,
    "documents:index": 9,
    "documents:ita_index": 7,
    "documents:ita_year": 6,
    "documents:type": 9,
    "core:cookies": 2,
    "faq:index": 3,
    "staff:contact": 3,
    "forum:board": 5,
    "forum:index": 4,
    "forum:topic": 5,
    "pages:announcement_detail": 7,
    "pages:category": 5,
    "pages:home": 8,  # 5, the latest procurement notices, the home banners and the quick links
    "pages:news": 4,
    "pages:page_detail": 3,
    "pages:site_map": 5,
    "places:map": 5,
    "plans:plan_detail": 8,  # its project filter reads its plan and strategies itself (plans.views.plan_filter_form)
    "plans:project_detail": 5,
    "plans:strategy_detail": 7,
    "procurement:index": 5,
    "procurement:notice": 3,
    "procurement:ordinance": 4,
    "procurement:ordinances": 4,
    "procurement:year": 4,
    "services:index": 3,
    "services:privacy": 3,
    "services:question": 3,
    "services:questions": 5,
    "services:statistics_index": 2,
    "services:submit": 6,
    "services:survey": 3,
    "services:track_lookup": 2,
    "staff:chart": 5,
    "staff:council": 5,
    "staff:directory": 4,
    "staff:executives": 5,
    "staff:unit_detail": 7,
}


def public_paths(client):
    from core.models import MenuItem

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    paths = {urlsplit(loc.text).path for loc in root.iterfind("sm:url/sm:loc", SITEMAP_NS)}
    menu = {item.url for item in MenuItem.objects.visible() if item.url.startswith("/")}
    return sorted(paths | menu)


def test_every_public_address_answers_200_within_its_query_ceiling(demo_content, client):
    counts = {}
    for path in public_paths(client):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        view = resolve(path).view_name
        counts[view] = max(counts.get(view, 0), len(queries))
    if os.environ.get("PRINT_QUERY_CEILINGS"):
        print("\nQUERY_CEILINGS =", dict(sorted(counts.items())))
        return
    assert set(counts) == set(QUERY_CEILINGS), "a kind of page appeared or disappeared: pin its ceiling"
    over = {view: (count, QUERY_CEILINGS[view]) for view, count in counts.items() if count > QUERY_CEILINGS[view]}
    assert not over, f"pages now run more queries than before (count, ceiling): {over}"
