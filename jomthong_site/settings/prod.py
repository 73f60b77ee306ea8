"""Production: everything secret or site-specific comes from the environment; refuses to start without it."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


SECRET_KEY = required("SECRET_KEY")
# base.py falls back to a SQLite file for development; production must name its database, or it would
# run quietly on an empty file beside the code.
required("DATABASE_URL")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or required("ALLOWED_HOSTS").split(",")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # whitenoise's CompressedManifestStaticFilesStorage, each file's URL worked out once per process.
    "staticfiles": {"BACKEND": "core.static_files.ManifestStaticFilesStorage"},
}

if not REDIS_URL:  # noqa: F405
    # Without Redis, gunicorn's workers share the page cache through files (each worker's own memory
    # would keep pages another worker has invalidated).
    CACHES["pages"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", "/tmp/jomthong-page-cache"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

# A preload list entry is the owner's decision; every other deploy check passes.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405
