"""The CSRF tokens of forms from the page cache (core/csrf.py): drawn from one system call, as securely as
Django draws them; a secret sent in more than one page is always masked."""

import re
from collections import Counter

import pytest
from django.conf import settings
from django.middleware import csrf
from django.test import Client
from django.urls import reverse

from core.csrf import random_string
from tests.core_tests.test_page_cache import site  # noqa: F401  (a fixture)


def test_djangos_csrf_middleware_draws_its_strings_this_way():
    assert csrf.get_random_string is random_string
    secret = csrf._get_new_csrf_string()
    assert len(secret) == csrf.CSRF_SECRET_LENGTH and set(secret) <= set(csrf.CSRF_ALLOWED_CHARS)


@pytest.mark.parametrize("allowed", ["abc", csrf.CSRF_ALLOWED_CHARS, "กขคง"])  # Thai: not a byte table's
def test_strings_have_the_length_and_characters_asked_for(allowed):
    for length in (1, 32, 64, 500):
        drawn = random_string(length, allowed)
        assert len(drawn) == length and set(drawn) <= set(allowed)


def test_every_character_is_equally_likely():
    # 62 characters do not divide 256: without redrawing the high bytes, the first eight characters would come
    # up 5/4 as often as the others (about 1,290 against 1,030 times in 64,000 draws).
    chars = csrf.CSRF_ALLOWED_CHARS
    counts = Counter(random_string(64_000, chars))
    expected = 64_000 / len(chars)
    assert set(counts) == set(chars)
    assert max(counts.values()) < expected * 1.15 and min(counts.values()) > expected * 0.85
    first_eight = sum(counts[c] for c in chars[:8]) / 8
    assert first_eight < expected * 1.08


def test_no_two_draws_are_the_same():
    assert len({random_string(32, csrf.CSRF_ALLOWED_CHARS) for _ in range(1000)}) == 1000


@pytest.fixture
def survey(site):  # noqa: F811
    from services.models import SurveyQuestion

    SurveyQuestion.objects.create(text="ความพึงพอใจโดยรวม", scope=SurveyQuestion.Scope.BOTH, order=1)
    url = reverse("services:survey")
    Client().get(url)  # rendered and kept
    return url


def form_token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', response.content.decode()).group(1)


def test_a_first_visit_gets_a_new_secret_that_is_in_this_page_only(survey):
    visitor = Client(enforce_csrf_checks=True)
    served = visitor.get(survey)
    assert served["X-Page-Cache"] == "hit"
    secret = visitor.cookies[settings.CSRF_COOKIE_NAME].value
    assert form_token(served) == secret and len(secret) == csrf.CSRF_SECRET_LENGTH
    assert visitor.post(survey, {"csrfmiddlewaretoken": form_token(served)}).status_code != 403


def test_a_secret_already_sent_is_masked_afresh_in_every_later_page(survey):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(survey)
    secret = visitor.cookies[settings.CSRF_COOKIE_NAME].value
    tokens = [form_token(visitor.get(survey)) for _ in range(3)]
    assert len(set(tokens)) == 3
    assert all(len(token) == csrf.CSRF_TOKEN_LENGTH and secret not in token for token in tokens)
    assert visitor.cookies[settings.CSRF_COOKIE_NAME].value == secret
    assert visitor.post(survey, {"csrfmiddlewaretoken": tokens[0]}).status_code != 403


@pytest.mark.parametrize("cookie_settings", [{}, {"CSRF_COOKIE_SECURE": True, "CSRF_COOKIE_HTTPONLY": True}])
def test_a_new_visitor_s_cookie_is_the_one_django_s_csrf_middleware_sets(rf, settings, cookie_settings):
    from django.http import HttpResponse

    from core.csrf import set_cookie

    for name, value in cookie_settings.items():
        setattr(settings, name, value)
    request = rf.get("/")
    middleware = csrf.CsrfViewMiddleware(lambda request: HttpResponse())
    middleware.process_request(request)
    csrf.get_token(request)  # a new visitor: a new secret, and the cookie to set
    by_django = middleware.process_response(request, HttpResponse())
    ours = HttpResponse()
    set_cookie(ours, request.META["CSRF_COOKIE"])

    header = ours.cookies[settings.CSRF_COOKIE_NAME].output(header="Set-Cookie:")  # as the WSGI handler sends it
    assert header == by_django.cookies[settings.CSRF_COOKIE_NAME].output(header="Set-Cookie:")
    assert request.META["CSRF_COOKIE"] in header and ("Secure" in header) == bool(cookie_settings)


def test_the_cookie_set_again_on_the_same_response_is_sent_as_set_again(rf, settings):
    from django.http import HttpResponse

    from core.csrf import set_cookie

    response = HttpResponse()
    set_cookie(response, "a" * csrf.CSRF_SECRET_LENGTH)
    response.set_cookie(settings.CSRF_COOKIE_NAME, "b" * csrf.CSRF_SECRET_LENGTH, max_age=60, path="/services/")

    header = response.cookies[settings.CSRF_COOKIE_NAME].OutputString()
    assert header.startswith(f"{settings.CSRF_COOKIE_NAME}={'b' * csrf.CSRF_SECRET_LENGTH};")
    assert "Max-Age=60" in header and "Path=/services/" in header and "a" * 8 not in header
