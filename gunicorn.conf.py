"""How gunicorn serves the site in production: `gunicorn -c gunicorn.conf.py jomthong_site.wsgi`.

Every value can be changed from the environment without editing this file (WEB_CONCURRENCY, GUNICORN_BIND,
GUNICORN_TIMEOUT...). Logs go to stdout/stderr for systemd's journal or the container runtime.
"""

import ctypes
import ctypes.util
import gc
import multiprocessing
import os

wsgi_app = "jomthong_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Synchronous workers, the usual recipe: two per core plus one, since a worker waits on PostgreSQL part of
# the time. Memory is the limit on small machines (~120 MB per worker with PyThaiNLP's dictionary loaded).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# The application, and with it the Thai word list (jomthong_site/wsgi.py warms it), is loaded once in the
# master and shared by the forked workers: a worker needs no warm-up of its own before a first search.
preload_app = True

# A request that takes longer than this is killed and the worker replaced (the visitor gets a 502 from nginx).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On HUP or TERM, workers finish the requests they hold for up to this long before being stopped.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5

# Replace each worker after about ten thousand requests (spread out, so they do not all restart together):
# a slow leak in any library never grows without bound. Not more often: a new worker starts with nothing
# of its own (its copies of pages, its memory pages shared with the master until written), and at a
# thousand requests the replacements cost about a sixth of the throughput of pages from the cache and
# put 300 ms on the slowest requests (`make bench-http`).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "1000"))

# Requests larger than nginx lets through never reach us; these only guard against malformed headers.
limit_request_line = 8190
limit_request_fields = 100

# Only the proxy on this machine may say which scheme and address the visitor used.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout (access) and stderr (errors); the access log skips /healthz and /readyz, carries the
# request id that Django sends back, and is JSON when LOG_FORMAT=json (core/gunicorn_logging.py).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "core.gunicorn_logging.AccessLogger"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s "%(a)s"'

# No control socket: restarts go through the service manager (systemctl reload sends HUP), and a socket
# in root's home directory is one more thing to secure.
control_socket_disable = True


def pre_fork(server, worker):
    # Hand back what loading left free (the word list's file), so that no worker starts with it.
    gc.collect()
    libc = ctypes.util.find_library("c")
    if libc:
        ctypes.CDLL(libc).malloc_trim(0)
    # Objects loaded by the master are never collected: without this, the first garbage collection in a
    # worker writes to every one of them and each worker ends up with its own copy.
    gc.freeze()


def worker_exit(server, worker):
    # A worker stopping (a restart after max_requests, a reload, a shutdown) writes the page views it still
    # holds (visitors/counting.py); only a worker killed outright loses its last few seconds of counts.
    from django.apps import apps

    if apps.ready and apps.is_installed("visitors"):  # not for another application (bench/ceiling.py)
        from visitors.counting import flush

        flush()
    if apps.ready and apps.is_installed("core"):  # the pages kept last, on their way to the shared cache
        from core.page_cache import wait_for_writes

        wait_for_writes(timeout=1.0)
