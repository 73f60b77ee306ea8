"""Plan pages and the CSV import at the size of a large 5-year plan (1,000 projects, 3,000 budget lines)."""

import time

from django.test import Client
from django.urls import reverse

from bench.measure import queries_for
from plans.models import Plan
from plans.services import plan_import_csv
from tests.plans_tests.builders import build_plan

PROJECTS = 1000
ROUNDS = 5


def _timed(report, name, client, url, params=None):
    client.get(url, params or {})  # warm
    response, query_count = queries_for(lambda: client.get(url, params or {}))
    started = time.perf_counter()
    for _ in range(ROUNDS):
        client.get(url, params or {})
    elapsed = (time.perf_counter() - started) / ROUNDS
    assert response.status_code == 200
    report(f"{name}: time per request", f"{elapsed * 1000:.1f}", "ms")
    report(f"{name}: queries per request", query_count, "")
    return response


def run(report):
    built = build_plan(PROJECTS, slug="bench", strategies=7)
    plan, client = built.plan, Client()
    _timed(report, f"overview ({PROJECTS} projects)", client, plan.get_absolute_url())
    _timed(report, "strategy page", client, built.strategies[0].get_absolute_url())
    _timed(report, "project table, no filter", client, reverse("plans:project_list", kwargs={"slug": plan.slug}))
    _timed(
        report,
        "project table, year+village filter",
        client,
        reverse("plans:project_list", kwargs={"slug": plan.slug}),
        {"year": 2554, "village": "2"},
    )
    csv_url = reverse("plans:project_csv", kwargs={"slug": plan.slug})
    response = _timed(report, "CSV export, whole plan", client, csv_url)
    data = response.content
    report("CSV export size", len(data) // 1024, "KiB")
    started = time.perf_counter()
    result = plan_import_csv(plan=Plan(title="นำเข้า", slug="bench-import"), data=data)
    assert result.ok
    report(f"CSV import into a new plan ({PROJECTS} rows)", f"{time.perf_counter() - started:.2f}", "s")
    started = time.perf_counter()
    plan_import_csv(plan=Plan.objects.get(slug="bench-import"), data=data)
    report("CSV import of the same file again (no changes)", f"{time.perf_counter() - started:.2f}", "s")
