"""The serving recipe: honest error pages, Permissions-Policy, Sentry off by default, a `make serve` that
never writes accounts or samples into a database, and a load_demo that refuses a real site's database."""

import io
import runpy
import subprocess

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import path
from gunicorn.config import Config

from core import demo
from core.gunicorn_logging import AccessLogger
from core.management.commands.load_demo import real_site_name
from core.models import SiteProfile
from jomthong_site.settings.operations import sentry_options

pytestmark = pytest.mark.django_db


def broken_view(request):
    # Each test names its own bug: the log throttle would rightly hold back a second identical one.
    raise ZeroDivisionError(f"a bug {request.GET.get('name', '')}")


def deadlocked_view(request):
    class Deadlock(Exception):
        pgcode = "40P01"

    try:
        raise Deadlock("deadlock detected")
    except Deadlock as cause:
        raise OperationalError("deadlock detected") from cause


class SessionStoreDown:
    """A middleware standing for one that reads the database before any view runs (sessions, lock-outs)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


urlpatterns = [path("broken/", broken_view), path("deadlock/", deadlocked_view)]
handler500 = "core.views.server_error"


def test_every_response_carries_a_permissions_policy():
    for url in ("/", "/healthz", "/does-not-exist/"):
        policy = Client().get(url)["Permissions-Policy"]
        assert "camera=()" in policy and "microphone=()" in policy and "geolocation=()" in policy


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/does-not-exist/", "/admin/login/"])
def test_every_page_is_in_thai_whatever_language_the_browser_asks_for(url):
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get(url)
    assert response["Content-Language"] == "th"
    # One language: nothing for a proxy to keep a copy of each page per browser language for.
    assert "accept-language" not in response.get("Vary", "").lower()
    assert '<html lang="th"' in response.content.decode()


@pytest.mark.django_db
def test_the_admin_speaks_thai_to_an_english_browser():
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/admin/login/").content.decode()
    assert "เข้าสู่ระบบ" in page and "Log in" not in page


@override_settings(ROOT_URLCONF=__name__, ADMINS=[], SENTRY_DSN="")
def test_the_500_page_does_not_claim_anyone_was_told_when_nobody_is():
    response = Client(raise_request_exception=False).get("/broken/?name=nobody")
    assert response.status_code == 500
    body = response.content.decode()
    assert "ระบบขัดข้องชั่วคราว" in body
    assert "แจ้งผู้ดูแล" not in body and "ได้รับแจ้ง" not in body


@override_settings(ROOT_URLCONF=__name__, ADMINS=[("ไอที", "it@example.org")])
def test_the_500_page_says_the_administrator_was_told_when_errors_are_mailed(mailoutbox):
    response = Client(raise_request_exception=False).get("/broken/?name=mailed")
    assert response.status_code == 500
    assert "ระบบได้แจ้งผู้ดูแลเว็บไซต์แล้ว" in response.content.decode()
    assert len(mailoutbox) == 1 and "it@example.org" in mailoutbox[0].to


@override_settings(ROOT_URLCONF=__name__)
def test_a_deadlock_is_a_fault_of_the_site_not_an_outage():
    assert Client(raise_request_exception=False).get("/deadlock/").status_code == 500


def test_a_database_error_outside_any_view_also_gets_the_503_page():
    with override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, f"{__name__}.SessionStoreDown"]):
        response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "ระบบขัดข้องชั่วคราว" in response.content.decode()


def test_sentry_is_off_unless_a_dsn_is_set():
    import sentry_sdk

    assert settings.SENTRY_DSN == ""
    assert not sentry_sdk.get_client().is_active()


def test_sentry_never_sends_personal_data():
    options = sentry_options("https://key@sentry.example.org/1")
    assert options["send_default_pii"] is False
    assert options["include_local_variables"] is False
    assert options["max_request_body_size"] == "never"


def make_dry_run(target):
    return subprocess.run(
        ["make", "-n", target], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout


def test_make_serve_creates_no_accounts_and_loads_no_samples():
    commands = make_dry_run("serve")
    assert "load_demo" not in commands
    assert "createsuperuser" not in commands
    assert "jomthong_site.settings.prod" in commands
    assert "migrate" in commands and "collectstatic" in commands
    assert "gunicorn -c gunicorn.conf.py" in commands


def test_load_demo_refuses_a_database_that_holds_a_real_site():
    SiteProfile.objects.create(pk=1, name="องค์การบริหารส่วนตำบลจริงจริง", short_name="อบต.จริง")
    with pytest.raises(CommandError, match="เว็บไซต์จริง"):
        call_command("load_demo", stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username__endswith="_demo").exists()
    assert not get_user_model().objects.exists()


def test_load_demo_still_runs_again_on_its_own_samples():
    assert real_site_name() == ""  # an empty database
    SiteProfile.objects.create(pk=1, name=demo.PROFILE["name"], short_name=demo.PROFILE["short_name"])
    assert real_site_name() == ""  # the samples' own profile: loading them again is allowed


def test_the_gunicorn_recipe():
    conf = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert conf["workers"] >= 2
    assert conf["timeout"] > 0 and conf["graceful_timeout"] > 0
    assert conf["accesslog"] == "-" and conf["errorlog"] == "-"
    assert conf["control_socket_disable"] is True
    assert conf["logger_class"] == "core.gunicorn_logging.AccessLogger"
    config = Config()
    for name, value in conf.items():
        if name in config.settings:
            config.set(name, value)  # gunicorn validates each value as it would at start-up
    assert config.logger_class is AccessLogger
