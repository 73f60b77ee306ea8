"""Log lines carry time, level, logger, request id, method, path and user id; an outage prints one traceback."""

import io
import json
import logging
import re
import sys

import pytest
from django.test import Client, override_settings
from django.urls import path

from core.logging import JSONFormatter, RequestContextFilter, TextFormatter, TracebackThrottle
from jomthong_site.settings.operations import logging_config

pytestmark = pytest.mark.django_db


def log_something(request):
    from django.http import HttpResponse

    if request.GET.get("look_up_user"):
        request.user.is_authenticated  # noqa: B018 - the view looked the user up, as most pages do
    logging.getLogger("jomthong.test").warning("ข้อความทดสอบ %s", "หนึ่ง")
    return HttpResponse("ok")


urlpatterns = [path("log-something/", log_something)]


@pytest.fixture
def captured():
    """A handler set up the way settings.LOGGING sets up the console, writing into a string."""

    def capture(formatter):
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.setFormatter(formatter)
        handler.addFilter(RequestContextFilter())
        handler.addFilter(TracebackThrottle())
        logger = logging.getLogger("jomthong.test")
        logger.addHandler(handler)
        handlers.append((logger, handler))
        return stream

    handlers = []
    yield capture
    for logger, handler in handlers:
        logger.removeHandler(handler)


@override_settings(ROOT_URLCONF=__name__)
def test_json_lines_carry_the_request_context(captured):
    stream = captured(JSONFormatter())
    response = Client().get("/log-something/", HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
    assert response["X-Request-ID"] == "nginx-0123456789abcdef"
    entry = json.loads(stream.getvalue().strip())
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "jomthong.test"
    assert entry["message"] == "ข้อความทดสอบ หนึ่ง"
    assert entry["request_id"] == "nginx-0123456789abcdef"
    assert entry["method"] == "GET" and entry["path"] == "/log-something/"
    assert entry["user_id"] is None
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$", entry["time"])


@override_settings(ROOT_URLCONF=__name__)
def test_the_user_id_is_logged_when_the_page_looked_the_user_up(captured, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="x-long-enough-2569")
    client = Client()
    client.force_login(user)
    stream = captured(JSONFormatter())
    client.get("/log-something/?look_up_user=1")
    assert json.loads(stream.getvalue().strip())["user_id"] == user.pk


@override_settings(ROOT_URLCONF=__name__)
def test_text_lines_carry_the_same_fields(captured):
    stream = captured(TextFormatter())
    response = Client().get("/log-something/")
    line = stream.getvalue().strip()
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)  # none was sent, so one was made
    assert re.match(
        rf"\d{{4}}-\d\d-\d\dT\S+ WARNING jomthong\.test \[{request_id} GET /log-something/ user=-\] ข้อความทดสอบ หนึ่ง$",
        line,
    )


@pytest.mark.parametrize("sent", ["short", "evil\nFAKE LOG LINE", "x" * 65, "a b c d e f g h"])
def test_a_request_id_that_could_forge_log_lines_is_replaced(sent):
    response = Client().get("/healthz", HTTP_X_REQUEST_ID=sent)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_every_response_sends_its_request_id_back():
    first, second = Client().get("/healthz"), Client().get("/healthz")
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_log_format_json_switches_the_console_to_json():
    assert logging_config("json")["handlers"]["console"]["formatter"] == "json"
    assert logging_config("text")["handlers"]["console"]["formatter"] == "text"
    assert logging_config("")["handlers"]["console"]["formatter"] == "text"


def test_every_handler_is_throttled_and_carries_the_request_context():
    config = logging_config("text")
    for name in ("console", "mail_admins"):
        assert {"request_context", "throttle"} <= set(config["handlers"][name]["filters"])


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def failing_record(message="connection to server at 127.0.0.1, port 5432 failed", logger="django.request"):
    try:
        raise ConnectionError(message)
    except ConnectionError as error:
        return logging.LogRecord(logger, logging.ERROR, __file__, 1, "failed: %s", (error,), sys.exc_info())


def throttled_lines(throttle, records):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(TextFormatter())
    handler.addFilter(throttle)
    for record in records:
        handler.handle(record)
    return stream.getvalue()


def test_one_traceback_per_distinct_error_per_minute_and_a_count_for_the_rest():
    clock = Clock()
    throttle = TracebackThrottle(window=60, clock=clock)
    first = [throttle.filter(failing_record()) for _ in range(500)]
    assert first.count(True) == 1
    # a different error is a different error
    assert throttle.filter(failing_record("relation does not exist")) is True
    # numbers that change (ports, process ids) do not make a new error
    assert throttle.filter(failing_record("connection to server at 127.0.0.1, port 6543 failed")) is False

    clock.now += 61
    record = failing_record()
    assert throttle.filter(record) is True
    assert record.suppressed == 500  # 499 held back, and one with another port number
    assert "500" in record.getMessage()


def test_the_count_is_reported_after_the_minute_even_if_the_error_stops():
    clock = Clock()
    throttle = TracebackThrottle(window=60, clock=clock)
    reported = []
    summary_handler = logging.Handler()
    summary_handler.emit = reported.append
    logging.getLogger("core.logging").addHandler(summary_handler)
    try:
        for _ in range(10):
            throttle.filter(failing_record())
        clock.now += 61
        plain = logging.LogRecord("x", logging.WARNING, __file__, 1, "something else", (), None)
        assert throttle.filter(plain) is True
    finally:
        logging.getLogger("core.logging").removeHandler(summary_handler)
    assert len(reported) == 1 and reported[0].suppressed == 9


def test_an_outage_of_many_requests_writes_one_traceback():
    text = throttled_lines(TracebackThrottle(window=60, clock=Clock()), [failing_record() for _ in range(1000)])
    assert text.count("Traceback") == 1


def test_two_handlers_sharing_the_throttle_both_get_the_first_traceback():
    throttle = TracebackThrottle(window=60, clock=Clock())
    record = failing_record()
    assert throttle.filter(record) is True
    assert throttle.filter(record) is True  # the mail handler after the console handler


def test_records_without_a_traceback_are_never_held_back():
    throttle = TracebackThrottle(window=60, clock=Clock())
    records = [logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found", (), None)] * 5
    assert all(throttle.filter(logging.makeLogRecord(r.__dict__)) for r in records)
