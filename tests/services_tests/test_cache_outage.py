"""While Redis cannot be reached the site answers as if its cache were empty (core/cache.py): every page is
rendered afresh, and a resident's form is still taken and saved."""

import pytest
from django.urls import reverse

from core import page_cache
from core.cache import RedisCache
from services.models import ServiceRequest
from tests.services_tests.conftest import complaint_post

NOBODY_LISTENS = "redis://127.0.0.1:1/0"  # connection refused at once
OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        name: {"BACKEND": "core.cache.RedisCache", "LOCATION": NOBODY_LISTENS, "OPTIONS": OPTIONS, **extra}
        for name, extra in (("default", {}), ("pages", {"KEY_PREFIX": "outage"}))
    }
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = ""  # the generation in Redis too: nothing to read it from
    page_cache._LOCAL.clear()
    yield
    page_cache._LOCAL.clear()


def test_every_call_answers_as_an_empty_cache_would():
    cache = RedisCache(NOBODY_LISTENS, {"OPTIONS": OPTIONS})
    assert cache.get("k", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("k", 1) is False and cache.has_key("k") is False
    cache.set("k", 1)
    cache.set_many({"a": 1})
    cache.delete("k")
    cache.delete_many(["a"])
    with pytest.raises(ValueError):
        cache.incr("k")


def test_public_pages_are_rendered_afresh(client, redis_down, complaint_kind):
    for _ in range(2):
        response = client.get("/services/")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "miss"


def test_a_resident_s_complaint_is_saved(client, redis_down, complaint_kind):
    url = reverse("services:submit", kwargs={"slug": complaint_kind.slug})
    response = client.post(url, complaint_post(complaint_kind))
    assert response.status_code == 302
    assert ServiceRequest.all_requests.count() == 1
