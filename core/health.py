"""Health checks for a load balancer and a monitor.

/healthz (liveness): the process answers; touches nothing, so a database outage never gets workers killed.
/readyz (readiness): the database answers, the cache works, media storage is writable and every migration
is applied; 200 or 503 with a short JSON body. Neither is cached; neither is logged per hit (the gunicorn
access log skips them, see core/gunicorn_logging.py); the log-in lockout never applies to them.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("core.health")

HEALTH_PATHS = ("/healthz", "/readyz")


@require_safe
@never_cache
def liveness(request):
    return JsonResponse({"status": "ok"})


def check_database():
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        # A broken connection must not linger in this worker: the next check (or request) connects afresh.
        connection.close()
        raise


def check_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    value = cache.get(key)
    cache.delete(key)
    if value != "ok":
        raise RuntimeError("the cache did not return what was just stored")


def check_media():
    name = default_storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


def check_migrations():
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise RuntimeError(f"{len(plan)} migration(s) not applied")


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "media": check_media,
    "migrations": check_migrations,
}


@require_safe
@never_cache
def readiness(request):
    results = {}
    ready = True
    started = time.monotonic()
    for name, check in CHECKS.items():
        if name == "migrations" and results.get("database") != "ok":
            results[name] = "skipped"
            continue
        try:
            check()
        except Exception as error:
            ready = False
            results[name] = "fail"
            logger.warning("readiness: %s check failed: %s", name, error, exc_info=True)
        else:
            results[name] = "ok"
    body = {
        "status": "ok" if ready else "fail",
        "checks": results,
        "ms": round((time.monotonic() - started) * 1000, 1),
    }
    return JsonResponse(body, status=200 if ready else 503)
