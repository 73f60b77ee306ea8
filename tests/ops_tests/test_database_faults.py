"""While PostgreSQL is away, visitors get an honest Thai 503; when it is back, the next request is served.

On PostgreSQL only: SQLite's in-memory test database cannot be taken away and given back.
"""

import logging

import pytest
from django.test import Client

from core.logging import TracebackThrottle
from tests.ops_tests.conftest import database_unreachable, postgres_only, terminate_other_backends, wsgi_get

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def backend_pid(connection):
    return connection.connection.get_backend_pid()


def test_after_every_connection_is_terminated_the_next_request_is_served(persistent_connection):
    assert wsgi_get("/")[0] == 200
    first_pid = backend_pid(persistent_connection)  # kept open between requests, as in production

    assert terminate_other_backends() >= 1

    assert wsgi_get("/")[0] == 200
    assert backend_pid(persistent_connection) != first_pid  # the health check found it dead and reconnected


def test_without_health_checks_the_same_request_would_fail(persistent_connection):
    """The control: the health check is what turns this request's failure into a 200."""
    persistent_connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    persistent_connection.close()
    assert wsgi_get("/")[0] == 200
    terminate_other_backends()
    assert wsgi_get("/")[0] == 503


def test_with_the_database_unreachable_a_page_answers_503_with_retry_after_in_thai():
    client = Client()
    with database_unreachable():
        response = client.get("/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "ระบบขัดข้องชั่วคราว" in body
    assert "ได้รับแจ้ง" not in body and "แจ้งผู้ดูแล" not in body  # nobody has been told anything
    assert response["X-Request-ID"]
    # and the moment it is back, the same client is served
    assert client.get("/").status_code == 200


def test_a_logged_in_page_also_answers_503_when_the_session_cannot_be_read(django_user_model):
    user = django_user_model.objects.create_user("member", password="x-long-enough-2569")
    client = Client()
    client.force_login(user)
    with database_unreachable():
        response = client.get("/forum/")
    assert response.status_code == 503
    assert "ระบบขัดข้องชั่วคราว" in response.content.decode()


def test_an_outage_prints_one_traceback_and_counts_the_rest():
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Collect()
    handler.addFilter(TracebackThrottle(window=60))
    logger = logging.getLogger("core.database")
    logger.addHandler(handler)
    try:
        client = Client()
        with database_unreachable():
            statuses = {client.get("/").status_code for _ in range(5)}
    finally:
        logger.removeHandler(handler)
    assert statuses == {503}
    assert len(records) == 1 and records[0].exc_info


def test_readiness_fails_while_the_database_is_down_and_recovers_without_a_restart():
    client = Client()
    assert client.get("/readyz").status_code == 200
    with database_unreachable():
        down = client.get("/readyz")
    assert down.status_code == 503
    assert down.json()["checks"]["database"] == "fail"
    assert down.json()["status"] == "fail"
    up = client.get("/readyz")
    assert up.status_code == 200
    assert up.json()["checks"] == {"database": "ok", "cache": "ok", "media": "ok", "migrations": "ok"}


def test_liveness_stays_up_while_the_database_is_down():
    with database_unreachable():
        assert Client().get("/healthz").status_code == 200
