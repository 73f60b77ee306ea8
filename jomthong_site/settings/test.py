"""The test suite: fast hashing, locmem cache, plain static storage, an isolated media folder."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Off for the suite: a test's rows vanish when its transaction rolls back without drawing a new
# generation, so a page cached by one test could answer the next. tests/core_tests/test_page_cache.py
# turns it on with a cache of its own per test.
PAGE_CACHE_ENABLED = False
# What a request kept is in the shared cache when the request returns (tests of core/write_behind.py turn it on).
PAGE_CACHE_WRITE_BEHIND = False
# Each test process its own generation (parallel runs must not invalidate each other's pages).
PAGE_CACHE_GENERATION_FILE = str(Path(tempfile.mkdtemp(prefix="jomthong-test-page-cache-")) / "generation")
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="jomthong-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="jomthong-test-private-"))
FORUM_POST_MIN_INTERVAL_SECONDS = 0
# A query compiled once whose key leaves something out fails the test of the page that runs it.
COMPILED_QUERIES_CHECKED = True
AXES_ENABLED = True

# Two test runs on one PostgreSQL server (CI, or two developers' runs) must not share a database.
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Serve static files straight from the app folders: the suite never runs collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Counting visits writes a few rows per page: off, so other apps' query counts stay theirs (tests/visitors_tests
# turn it on).
VISITORS_COUNTING = False
# Written at each view, as the tests read them at once (tests/visitors_tests: the tests of the pending views).
VISITORS_FLUSH_SECONDS = 0
