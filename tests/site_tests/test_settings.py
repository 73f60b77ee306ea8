"""Production settings refuse to start without their secrets and pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(DJANGO_SETTINGS_MODULE="jomthong_site.settings.prod", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


DATABASE_URL = "sqlite:////tmp/jomthong-production-check.sqlite3"


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", ALLOWED_HOSTS="example.org", DATABASE_URL=DATABASE_URL)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", SECRET_KEY="x" * 60, DATABASE_URL=DATABASE_URL)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_database_url():
    # base.py's SQLite fallback is for development: production must never run quietly on a file beside the code.
    result = manage("check", SECRET_KEY="x" * 60, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "Set the DATABASE_URL environment variable for production." in result.stderr


def test_production_passes_the_deployment_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k3y-" + "abcdefghij" * 6,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL=DATABASE_URL,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_static_files_collect_under_production_storage(tmp_path):
    """`make serve` and a deploy run collectstatic with whitenoise's manifest storage, which fails on
    any file that a CSS or JS file references but nobody ships."""
    result = manage(
        "collectstatic",
        "--noinput",
        "--verbosity",
        "0",
        SECRET_KEY="k3y-" + "abcdefghij" * 6,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL=DATABASE_URL,
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()
