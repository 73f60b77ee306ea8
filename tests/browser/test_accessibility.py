"""axe-core on every public page type, in the normal and the high-contrast modes, on a phone and a desktop.

axe-core (static/vendor/axe-core, from npm, MPL-2.0) is injected by the test only: no public page loads it.
One page load per (page type, mode, width); a serious or critical violation fails the test, and the test
prints the page types it covered.
"""

from collections import OrderedDict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve

from core.display import DISPLAY_COOKIE
from tests.core_tests.test_public_urls import public_paths

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
AXE_URL = settings.STATIC_URL + "vendor/axe-core/axe.min.js"  # from our origin: the strict CSP stays on
WIDTHS = [(360, 800), (1366, 768)]
MODES = {"normal": "", "high-contrast": "contrast"}
FAILING_IMPACTS = {"serious", "critical"}
# Pages no sitemap lists but every visitor can reach.
EXTRA_PAGE_TYPES = {
    "search:results": "/search/?q=ข่าว",
    "accounts:login": "/accounts/login/",
    "404": "/no-such-page/",
}


def page_types(client):
    """One address per kind of public page (by URL name): the first one the sitemap and the menu give."""
    types = OrderedDict()
    for path in public_paths(client):
        types.setdefault(resolve(urlsplit(path).path).view_name, path)
    types.update(EXTRA_PAGE_TYPES)
    return types


# Accepted findings, each with the reason WCAG itself gives: (rule, a CSS class of the element).
ACCEPTED = {
    # Pins of nearby places overlap at the map's first zoom. WCAG 2.5.8's "equivalent" exception: each place
    # has a full-size "ดูบนแผนที่" button and its details in the list under the map.
    ("target-size", "leaflet-marker-icon"),
}


def accepted(rule, node):
    return any(rule == accepted_rule and css in node["html"] for accepted_rule, css in ACCEPTED)


def serious_violations(page, server_url):
    page.add_script_tag(url=server_url + AXE_URL)
    results = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},"
        " rules: {'label-content-name-mismatch': {enabled: true}}, resultTypes: ['violations']})"
    )
    found = []
    for violation in results["violations"]:
        nodes = [node for node in violation["nodes"] if not accepted(violation["id"], node)]
        if violation["impact"] in FAILING_IMPACTS and nodes:
            found.append(
                {"rule": violation["id"], "impact": violation["impact"], "nodes": [n["target"] for n in nodes[:5]]}
            )
    return found


def test_axe_is_vendored_with_its_licence():
    assert AXE.exists() and (AXE.parent / "LICENSE").exists()


def test_axe_finds_no_serious_or_critical_violation_on_any_public_page_type(live_demo, browser):
    types = page_types(Client())
    host = urlsplit(live_demo.url).hostname
    found, covered = {}, []
    for mode, cookie in MODES.items():
        for width, height in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="th-TH")
            # The map's tiles come from the internet, which the test never reaches.
            context.route(lambda url: not url.startswith(live_demo.url), lambda route: route.abort())
            if cookie:
                context.add_cookies([{"name": DISPLAY_COOKIE, "value": cookie, "domain": host, "path": "/"}])
            page = context.new_page()
            try:
                for view_name, path in types.items():
                    page.goto(live_demo.url + path)
                    violations = serious_violations(page, live_demo.url)
                    if violations:
                        found[(view_name, path, mode, width)] = violations
                    covered.append((view_name, mode, width))
            finally:
                context.close()
    print(f"\naxe covered {len(types)} page types x {len(MODES)} modes x {len(WIDTHS)} widths:")
    for view_name, path in types.items():
        print(f"  {view_name:32} {path}")
    assert len(covered) == len(types) * len(MODES) * len(WIDTHS)
    assert not found, "\n".join(f"{key}: {value}" for key, value in found.items())
