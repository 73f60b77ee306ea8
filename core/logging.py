"""Log lines an IT contractor can read and grep: time, level, logger, request id, method, path, user id.

``LOG_FORMAT=json`` gives one JSON object per line (for a log collector); the default is one text line.
``TracebackThrottle`` keeps an outage from filling the disk: one traceback per distinct error per minute,
and a count of the ones it held back.
"""

import contextvars
import json
import logging
import re
import threading
import time
from datetime import datetime

from django.core.signals import request_finished
from django.dispatch import receiver

# The request being served by this thread, set by core.middleware.RequestIdMiddleware. It stays set until
# the response is closed, because Django logs "Not Found" and "Internal Server Error" after the middleware
# chain has returned.
current_request = contextvars.ContextVar("current_request", default=None)

CONTEXT_FIELDS = ("request_id", "method", "path", "user_id")


@receiver(request_finished, dispatch_uid="core.logging.forget_request")
def forget_request(sender=None, **kwargs):
    current_request.set(None)


def request_user_id(request):
    """The logged-in user's id, only if the request already looked the user up: logging never queries."""
    user = request.__dict__.get("_cached_user")
    if user is None:
        user = getattr(request, "_cached_user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.pk


class RequestContextFilter(logging.Filter):
    """Adds the current request's id, method, path and user id to every record (empty outside a request)."""

    def filter(self, record):
        request = current_request.get() or getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            record.request_id = getattr(request, "request_id", None)
            record.method = request.method
            record.path = request.path
            record.user_id = request_user_id(request)
        else:
            for field in CONTEXT_FIELDS:
                if not hasattr(record, field):
                    setattr(record, field, None)
        return True


def iso_time(record):
    return datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds")


class TextFormatter(logging.Formatter):
    """``2026-12-02T13:05:01.123+07:00 ERROR django.request [a1b2c3 GET /news/ user=7] message``."""

    def format(self, record):
        message = record.getMessage()
        context = ""
        if getattr(record, "request_id", None) or getattr(record, "method", None):
            user = getattr(record, "user_id", None)
            context = " [{} {} {} user={}]".format(
                record.request_id or "-", record.method or "-", record.path or "-", user if user is not None else "-"
            )
        line = f"{iso_time(record)} {record.levelname} {record.name}{context} {message}"
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line = f"{line}\n{record.exc_text}"
        if record.stack_info:
            line = f"{line}\n{self.formatStack(record.stack_info)}"
        return line


class JSONFormatter(logging.Formatter):
    """One JSON object per line, Thai kept readable (ensure_ascii off)."""

    def format(self, record):
        entry = {
            "time": iso_time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in CONTEXT_FIELDS:
            entry[field] = getattr(record, field, None)
        if getattr(record, "status_code", None):
            entry["status"] = record.status_code
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["traceback"] = record.exc_text
        if getattr(record, "suppressed", None):
            entry["suppressed"] = record.suppressed
        return json.dumps(entry, ensure_ascii=False, default=str)


_DIGITS = re.compile(r"\d+")


def error_signature(record):
    """What makes two tracebacks 'the same error': the exception's type, where it was raised, its message.

    Numbers in the message (process ids, ports, line counts) are blanked so one outage is one error.
    """
    exc_type, exc, tb = record.exc_info
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb is not None else ""
    first_line = _DIGITS.sub("N", str(exc).strip().split("\n", 1)[0])[:200]
    return (record.name, getattr(exc_type, "__qualname__", str(exc_type)), where, first_line)


class TracebackThrottle(logging.Filter):
    """Lets one traceback per distinct error per ``window`` seconds through and counts the others.

    The count is reported on the next traceback of that error once the window has passed ("and 1,234 more
    like it were held back"), or on its own line with the next log line of any kind after the window.
    Records without a traceback always pass. One instance may sit on several handlers (console, mail):
    its decision is kept on the record, so the second handler sees the same answer as the first.
    """

    def __init__(self, window=60, clock=time.monotonic):
        super().__init__()
        self.window = window
        self.clock = clock
        self._lock = threading.Lock()
        self._windows = {}  # signature -> [window start, held back, the message of the first one]
        self._reporting = threading.local()

    def filter(self, record):
        decision = getattr(record, "_throttle_decision", None)
        if decision is not None:
            return decision
        decision = self._decide(record)
        record._throttle_decision = decision
        if decision and not getattr(self._reporting, "active", False):
            self._report_expired(exclude=getattr(record, "_throttle_signature", None))
        return decision

    def _decide(self, record):
        if not record.exc_info or record.exc_info[0] is None:
            return True
        signature = error_signature(record)
        record._throttle_signature = signature
        now = self.clock()
        with self._lock:
            window = self._windows.get(signature)
            if window is not None and now - window[0] < self.window:
                window[1] += 1
                return False
            held_back = window[1] if window is not None else 0
            self._windows[signature] = [now, 0, record.getMessage()]
        if held_back:
            record.suppressed = held_back
            record.msg = f"{record.msg} (และอีก {held_back} ครั้งในนาทีก่อนหน้า ไม่ได้พิมพ์ traceback ซ้ำ)"
        return True

    def _report_expired(self, exclude=None):
        now = self.clock()
        with self._lock:
            expired = [
                (signature, window)
                for signature, window in self._windows.items()
                if now - window[0] >= self.window and signature != exclude
            ]
            for signature, _window in expired:
                del self._windows[signature]
        logger = logging.getLogger("core.logging")
        self._reporting.active = True
        try:
            for signature, (_start, held_back, message) in expired:
                if held_back:
                    logger.warning(
                        "ข้อผิดพลาดเดิมเกิดซ้ำอีก %d ครั้งภายในหนึ่งนาที (%s: %s) ไม่ได้พิมพ์ traceback ซ้ำ",
                        held_back,
                        signature[1],
                        message,
                        extra={"suppressed": held_back},
                    )
        finally:
            self._reporting.active = False
