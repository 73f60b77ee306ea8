"""gunicorn's settings (read from the working directory: `gunicorn jomthong_site.wsgi`).

The application, and with it the Thai word list (jomthong_site/wsgi.py warms it), is loaded once in the
master and shared by the forked workers, so a worker needs no warm-up of its own before a first search.
"""

import ctypes
import ctypes.util
import gc
import os

workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
preload_app = True


def pre_fork(server, worker):
    # Hand back what loading left free (the word list's file), so that no worker starts with it.
    gc.collect()
    libc = ctypes.util.find_library("c")
    if libc:
        ctypes.CDLL(libc).malloc_trim(0)
    # Objects loaded by the master are never collected: without this, the first garbage collection in a
    # worker writes to every one of them and each worker ends up with its own copy.
    gc.freeze()
