"""Helpers for the operations tests: a persistent connection like production's, and a database made unreachable."""

import contextlib

import psycopg2
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database faults are tried on PostgreSQL, production's database"
)


@pytest.fixture
def persistent_connection():
    """The default connection kept between requests with health checks, as in production (CONN_MAX_AGE > 0)."""
    saved = {key: connection.settings_dict[key] for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
    connection.close()
    connection.settings_dict.update(CONN_MAX_AGE=600, CONN_HEALTH_CHECKS=True)
    yield connection
    connection.close()
    connection.settings_dict.update(saved)


def terminate_other_backends():
    """pg_terminate_backend for every other connection of the test database (and of no other database)."""
    settings = connection.settings_dict
    admin = psycopg2.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
    )
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return cursor.fetchone()[0]
    finally:
        admin.close()


@contextlib.contextmanager
def database_unreachable():
    """Point the default connection at a closed port, as if PostgreSQL were down; put it back afterwards."""
    saved = {key: connection.settings_dict[key] for key in ("HOST", "PORT")}
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def wsgi_get(path):
    """One GET through Django's WSGI handler, as gunicorn makes it.

    Unlike the test client, this runs Django's start-of-request housekeeping (close_old_connections), which is
    where a persistent connection's health check is armed; the test client skips it to keep the test's own
    connection open.
    """
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
    statuses = []
    body = WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        content = b"".join(body)
    finally:
        body.close()
    return int(statuses[0].split()[0]), content
