"""Writes to the shared cache made after the response, in a thread of the worker's own.

Keeping a page rendered afresh is one round trip to Redis (core.page_cache.keep): some tenths of a
millisecond in which the worker only waits for Redis to answer, a tenth of what the first request after an
edit cost. Nothing in the response depends on it: the page is already in the worker's own memory, and
another worker that does not find it in Redis yet renders it itself. So the write is handed to a thread
that makes it while the response goes out, and the visitor does not wait for it.

A write that cannot be made is what a failed cache write always was: the page is rendered again later. The
queue is bounded: while it is full (Redis much slower than the site), writes are made at once, as before,
which slows the requests down rather than letting the queue grow. A forked process (gunicorn's workers
after preload_app) starts a thread of its own at its first write. ``wait()`` lets a worker that stops, and
the tests, see the writes made.
"""

import logging
import os
import queue
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)

WAITING_WRITES = 256


class WriteBehind:
    def __init__(self, name):
        self.name = name
        self._lock = threading.Lock()
        self._pid = None
        self._queue = None

    def submit(self, write):
        """``write()`` made in this process's writer thread, or at once when PAGE_CACHE_WRITE_BEHIND is off
        (the tests' settings: what a request kept is in the cache when the request returns) or the queue is
        full."""
        if not settings.PAGE_CACHE_WRITE_BEHIND:
            write()
            return
        try:
            self._started().put_nowait(write)
        except queue.Full:
            write()

    def wait(self, timeout=5.0):
        """Until every write handed over so far is made (at most ``timeout`` seconds): True if they were."""
        pending = self._queue if self._pid == os.getpid() else None
        deadline = time.monotonic() + timeout
        while pending is not None and pending.unfinished_tasks:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.001)
        return True

    def _started(self):
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():  # a new process (forked): the parent's thread did not come along
                    pending = queue.Queue(maxsize=WAITING_WRITES)
                    threading.Thread(target=self._run, args=(pending,), name=self.name, daemon=True).start()
                    self._queue, self._pid = pending, os.getpid()
        return self._queue

    def _run(self, pending):
        while True:
            write = pending.get()
            try:
                write()
            except Exception:  # a cache write that failed costs a render later, never the thread
                logger.exception("A write to the cache made after the response failed")
            finally:
                pending.task_done()
