"""/healthz and /readyz: what a load balancer and a monitor ask, every few seconds, forever."""

import json
import logging
import runpy
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from gunicorn.config import Config

from core import gunicorn_logging, health

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_touching_anything(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_checks_database_cache_media_and_migrations():
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok", "media": "ok", "migrations": "ok"}


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_answers_are_never_cached(path):
    response = Client().get(path)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_urls_are_where_the_load_balancer_looks(path):
    assert reverse(path.strip("/")) == path


def test_readiness_fails_when_media_storage_is_not_writable(tmp_path):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    with override_settings(MEDIA_ROOT=str(not_a_folder / "media")):
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["media"] == "fail"
    assert response.json()["checks"]["database"] == "ok"


def test_readiness_fails_while_a_migration_is_not_applied(monkeypatch):
    class OneMigrationPending:
        def __init__(self, connection):
            self.loader = SimpleNamespace(graph=SimpleNamespace(leaf_nodes=lambda: []))

        def migration_plan(self, targets):
            return [("forum", "9999_not_yet")]

    monkeypatch.setattr(health, "MigrationExecutor", OneMigrationPending)
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "fail"


def test_health_hits_write_nothing_to_the_log_at_info_level(caplog):
    client = Client()
    with caplog.at_level(logging.DEBUG):
        for _ in range(3):
            client.get("/healthz")
            client.get("/readyz")
    assert [record for record in caplog.records if record.levelno >= logging.INFO] == []


def gunicorn_access_lines(path, log_format="", monkeypatch=None):
    """What gunicorn's access log (with gunicorn.conf.py's logger class and format) writes for one request."""
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", GUNICORN_CONF["access_log_format"])
    access_logger = gunicorn_logging.AccessLogger(config)
    lines = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    access_logger.access_log.addHandler(handler)
    response = SimpleNamespace(status="200 OK", sent=512, headers=[("X-Request-ID", "rid-12345678")])
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": path, "PATH_INFO": path, "SERVER_PROTOCOL": "HTTP/1.1"}
    access_logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=12))
    return lines


GUNICORN_CONF = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/news/"])
def test_gunicorns_access_log_skips_the_health_urls_only(path):
    lines = gunicorn_access_lines(path)
    assert len(lines) == (1 if path == "/news/" else 0)


def test_gunicorns_access_log_carries_the_request_id_and_can_be_json(monkeypatch):
    assert "rid=rid-12345678" in gunicorn_access_lines("/news/")[0]
    monkeypatch.setenv("LOG_FORMAT", "json")
    entry = json.loads(gunicorn_access_lines("/news/")[0])
    assert entry["request_id"] == "rid-12345678"
    assert entry["path"] == "/news/" and entry["status"] == "200" and entry["level"] == "INFO"


def test_the_access_log_and_the_health_views_name_the_same_paths():
    assert gunicorn_logging.HEALTH_PATHS == health.HEALTH_PATHS


def test_a_locked_out_address_does_not_lock_out_the_health_checks():
    client = Client()
    login = reverse("accounts:login")
    for attempt in range(31):
        client.post(login, {"username": f"nobody{attempt}", "password": "wrong"})
    assert client.post(login, {"username": "nobody", "password": "wrong"}).status_code == 429  # the address is locked
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
