"""Public plan pages run the same number of SQL queries with 10 projects as with 200."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.plans_tests.builders import build_plan

pytestmark = pytest.mark.django_db

# Site shell (profile, menu) + plan + the page's own queries; pinned so that a new query is noticed. The
# overview's project filter reads its plan and strategies itself, in a part of its own (plans.views.plan_filter_form).
EXPECTED = {"overview": 8, "strategy": 7, "filtered": 7, "unfiltered": 7, "project": 5, "csv": 5, "index": 3}


def count_queries(built, page):
    plan = built.plan
    urls = {
        "overview": (plan.get_absolute_url(), {}),
        "strategy": (built.strategies[0].get_absolute_url(), {}),
        "unfiltered": (reverse("plans:project_list", kwargs={"slug": plan.slug}), {}),
        "filtered": (
            reverse("plans:project_list", kwargs={"slug": plan.slug}),
            {"year": 2554, "strategy": built.strategies[1].pk, "unit": built.units[0].slug, "q": "ถนน"},
        ),
        "project": (reverse("plans:project_detail", kwargs={"slug": plan.slug, "pk": built.specs[0].pk}), {}),
        "csv": (reverse("plans:project_csv", kwargs={"slug": plan.slug}), {"year": 2553}),
        "index": (reverse("plans:index"), {}),
    }
    url, params = urls[page]
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    if page in ("filtered", "unfiltered", "strategy"):
        assert len(response.context["table"]) > 0  # an empty table would skip the budget-line query
    return len(queries)


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_same_number_of_queries_with_10_and_200_projects(page):
    small = count_queries(build_plan(10, slug="small"), page)
    large = count_queries(build_plan(200, slug="large"), page)
    assert small == large
    assert large == EXPECTED[page]
