"""Settings shared by every environment; dev.py, test.py and prod.py change only what differs."""

import os
import tempfile
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from jomthong_site.settings.map_tiles import parse_map_center, tile_csp_source
from jomthong_site.settings.operations import logging_config, sentry_init

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "core.static_files.SiteStaticFilesConfig",  # django.contrib.staticfiles without unused CKEditor translations
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "ckeditor",
    "ckeditor_uploader",
    "csp",
    "axes",
    "reversion",
    # Our apps, in the order their demo content depends on each other. `core` and `accounts` are the
    # platform every section stands on; `search` comes last, after every app has declared its kinds.
    "core",
    "accounts",
    "pages",
    "places",
    "staff",
    "plans",
    "forum",
    "history",
    "backups",
    "documents",
    "procurement",
    "services",
    "faq",
    "visitors",
    "frontpage",
    "search",
]

MIDDLEWARE = [
    # First, so that every log line of the request carries its id (core/logging.py).
    "core.middleware.RequestIdMiddleware",
    # Above any full-page cache middleware, so that pages served from the cache are counted too.
    "visitors.middleware.VisitorCountMiddleware",
    # Whole pages for visitors without a session, before the rest of the stack runs (core/page_cache.py):
    # a kept page carries the headers the middlewares below gave it (security headers, permissions policy,
    # CSP). Only 200s are kept, so the HTTPS redirect of SecurityMiddleware still answers http:// requests
    # (the key holds the scheme); static files' paths are never looked up.
    "core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 304 for a conditional GET whose ETag or Last-Modified still matches (pages rendered afresh): Django's,
    # but for the pages the page cache may keep, which it answers itself.
    "core.middleware.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The site's one language (LANGUAGES), without LocaleMiddleware's work per request (core/middleware.py).
    "core.middleware.ContentLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.display.DisplayVaryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.csp.PathAwareCSPMiddleware",
    # A view that finds the database unreachable answers 503 with Retry-After (core/middleware.py).
    "core.middleware.DatabaseUnavailableMiddleware",
    # One revision per change in the admin, with the clerk's name (history/middleware.py).
    "history.middleware.AdminRevisionMiddleware",
    # AxesMiddleware must be last: it turns a lockout into our Thai page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jomthong_site.urls"
WSGI_APPLICATION = "jomthong_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% url %} worked out once per address (core/templatetags/addresses.py), and {% extends %} with
            # the root template's blocks found once (core/templatetags/inheritance.py), in every template.
            "builtins": ["core.templatetags.addresses", "core.templatetags.inheritance"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# Django's form renderer, with selects written out in Python (core/forms_renderer.py).
FORM_RENDERER = "core.forms_renderer.FormRenderer"

# DATABASE_URL picks the database: a SQLite file in the project by default,
# postgres://user@host:5432/name in production and in CI's second run.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # A persistent connection is checked before a request reuses it: after a PostgreSQL restart the
        # first request reconnects instead of failing with "server closed the connection unexpectedly".
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# "pages" holds whole public pages (core/page_cache.py); it must be shared by every worker, or an edit
# would reach only the worker that saved it: Redis in production (prod.py falls back to files without it).
PAGE_CACHE_KEY_PREFIX = os.environ.get("PAGE_CACHE_KEY_PREFIX", "pages")
# Seconds to connect to Redis and for each command: past it the call answers as a miss (core/cache.py).
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "1"))
if REDIS_URL:
    _redis_options = {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT}
    CACHES = {
        "default": {"BACKEND": "core.cache.RedisCache", "LOCATION": REDIS_URL, "OPTIONS": _redis_options},
        "pages": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": PAGE_CACHE_KEY_PREFIX,
            "OPTIONS": _redis_options,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }

# --- Whole-page cache for anonymous visitors (core/page_cache.py) ---
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "pages"
# The longest an entry is kept. Invalidation does not wait for it (every edit draws a new generation);
# it only bounds the memory that pages nobody asks for again hold.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(60 * 60)))
# How long a browser or a proxy may reuse a page without asking. 0: it asks every time, and a page that
# has not changed costs a 304 from the cache; more offloads a CDN at the price of that many seconds of staleness.
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "0"))
# The generation (core/page_cache.py) lives in this small file, mapped into the memory of every worker of
# the machine, so that a page from the cache needs no round trip to Redis to know it is current. Set it
# to an empty value when application servers on several machines share one Redis: the generation is
# then kept in the cache itself (one round trip per page).
PAGE_CACHE_GENERATION_FILE = os.environ.get(
    "PAGE_CACHE_GENERATION_FILE",
    str(Path(tempfile.gettempdir()) / f"jomthong-{PAGE_CACHE_KEY_PREFIX}-generation"),
)
# Each worker also keeps the pages it served last, up to this many bytes, to answer them without asking
# the shared cache (about 30 KB a page).
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_BYTES", str(2 * 1024 * 1024)))
# A page rendered afresh is written to the shared cache by a thread of the worker's own while the response
# goes out (core/write_behind.py), so that the visitor does not wait for Redis to answer.
PAGE_CACHE_WRITE_BEHIND = env_bool("PAGE_CACHE_WRITE_BEHIND", True)
# Every use of a query compiled once (core/compiled.py) compared with a compilation afresh: the test settings.
COMPILED_QUERIES_CHECKED = False
PAGE_CACHE_EXCLUDED_PREFIXES = ("/admin/", "/accounts/", "/ckeditor/", "/media/", "/static/")
# Besides the project's own apps (those under BASE_DIR), writes to these apps' tables invalidate pages:
# the board shows its members' names.
PAGE_CACHE_WATCHED_APPS = ("auth",)
# Project apps whose writes change no page as kept: the visitor counts are written on every page view (a
# new generation each time would mean no page is ever served from the cache), and the footer's counter
# is a live part, drawn for each request (visitors/apps.py).
PAGE_CACHE_UNSEEN_APPS = ("visitors",)

AUTHENTICATION_BACKENDS = [
    # AxesStandaloneBackend must come first so that a locked-out login is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "forum:index"
LOGOUT_REDIRECT_URL = "pages:home"

# Repeated failed log-ins lock one account from one address; only many failures from one address, all
# accounts counted together, lock the address. Locking an account everywhere would let anyone lock a named
# member out, and locking an address for one person's typos would lock a shared office out (accounts/lockout.py).
AXES_HANDLER = "accounts.lockout.LoginLockoutHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # what LoginLockoutHandler counts
AXES_FAILURE_LIMIT = 5  # one account from one address
AXES_ADDRESS_FAILURE_LIMIT = 30  # one address, all accounts together; must stay above AXES_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"  # the Thai page, saying which lock applies
# Behind a reverse proxy every request comes from the proxy's address: trust the X-Forwarded-For
# entry the proxy appends (TRUSTED_PROXY_COUNT=1), or all visitors would share one address and its lock.
# Left at 0, the header is ignored, so nobody can dodge the lockout by forging it. (Axes' own
# AXES_IPWARE_* settings need django-ipware, which is not installed, so accounts/lockout.py reads the header.)
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย")]
# Thai for the strings Django's own Thai catalogue lacks (admin messages, validators, password rules).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files served only through views that check who may see them (documents, procurement): never under MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads bigger than this are refused by our validators with a Thai message;
# Django's own ceiling sits a little above so that the validator gets to speak.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
# A refused form (stale page, cookies off) gets a Thai page that says what to do, not Django's English one.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# --- Map tiles: the only third-party resource the public site loads (settings/map_tiles.py parses them). ---
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION", '© <a href="https://www.openstreetmap.org/copyright">ผู้ร่วมให้ข้อมูล OpenStreetMap</a>'
)
MAP_TILE_MAX_ZOOM = int(os.environ.get("MAP_TILE_MAX_ZOOM", "19"))
# The CSP img-src entry for the tiles, derived from MAP_TILE_URL unless set explicitly.
MAP_TILE_ORIGIN = os.environ.get("MAP_TILE_ORIGIN") or tile_csp_source(MAP_TILE_URL)
# "latitude,longitude"; empty means the office coordinates of SiteProfile, or else the middle of the places.
MAP_CENTER = parse_map_center(os.environ.get("MAP_CENTER", ""))
MAP_ZOOM = int(os.environ.get("MAP_ZOOM", "14"))

# --- Content-Security-Policy (django-csp 4) ---
# Public pages get this strict policy: no inline script or style at all.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([MAP_TILE_ORIGIN] if MAP_TILE_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# CKEditor 4 cannot start without inline script and style, so the admin and the
# editor's own URLs get this relaxed policy (see core/csp.py).
CSP_RELAXED_PATH_PREFIXES = ("/admin/", "/ckeditor/")
CONTENT_SECURITY_POLICY_RELAXED = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
    }
}

# --- django-ckeditor 6.7.4 (CKEditor 4.22.1) ---
CKEDITOR_BASEPATH = "/static/ckeditor/ckeditor/"
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_IMAGE_BACKEND = "pillow"
# The default accepts any file type, an .html with a script included: images only.
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_RESTRICT_BY_USER = False
CKEDITOR_BROWSE_SHOW_DIRS = False
CKEDITOR_CONFIGS = {
    "default": {
        "language": "th",
        "height": 420,
        "width": "100%",
        # exportpdf wants a CKSource cloud token; we never send content to a cloud.
        "removePlugins": "exportpdf",
        "extraPlugins": "image2",
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format", "Bold", "Italic", "Underline", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote", "-", "JustifyLeft", "JustifyCenter"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["Undo", "Redo", "-", "Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
    }
}
# ckeditor.W001 says CKEditor 4.22.1 is out of support. The client asked for this editor, so we
# keep it and contain it: every rich-text field is cleaned with nh3 on the server before it is saved
# (core/richtext.py), the uploader accepts only images checked by Pillow, the editor is only ever
# shown to staff in the admin, and the public site runs a strict CSP that never allows inline script.
# The exit path (django-prose-editor) needs no data migration: RichTextField is a plain text column.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

# --- Operations: logging, error reporting, health (README "Operations") ---
# One line per event on stdout with time, level, logger, request id, method, path and user id; JSON lines
# when LOG_FORMAT=json. One traceback per distinct error per minute, a count for the rest (core/logging.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = logging_config(LOG_FORMAT, os.environ.get("LOG_LEVEL", "WARNING"))
# Errors are mailed to these addresses when set: ADMINS="Somchai <it@example.go.th>, other@example.go.th".
ADMINS = [(name or address, address) for name, address in getaddresses(env_list("ADMINS", ""))]
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# SMTP when EMAIL_HOST is set; otherwise mail is printed to the console (development).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# The site's address in emails' links, e.g. https://www.example.go.th (no trailing slash).
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Error tracking with Sentry (or a compatible server such as GlitchTip), off unless SENTRY_DSN is set.
# No personal data is sent: no user names, e-mail or IP addresses, cookies or form bodies (settings/operations.py).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    sentry_init(SENTRY_DSN)
# How long the 503 page (database unreachable) asks browsers and crawlers to wait.
DATABASE_UNAVAILABLE_RETRY_AFTER = int(os.environ.get("DATABASE_UNAVAILABLE_RETRY_AFTER", "30"))
# Browser features the site never uses, switched off for every page (core/middleware.py). The map does
# not ask for the visitor's location.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
}

# --- บริการประชาชน: the public forms' protection against spam (services/spam.py).
SERVICES_MIN_FILL_SECONDS = int(os.environ.get("SERVICES_MIN_FILL_SECONDS", "3"))
SERVICES_RATE_LIMIT = (int(os.environ.get("SERVICES_RATE_LIMIT_POSTS", "5")), 60)  # posts per address per minute


# `manage.py backup` writes its archives here and keeps the newest BACKUP_KEEP of them (backups app).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups-archive"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "14"))

# Deleted pages, announcements, people… stay restorable in the recycle bin this long (history app).
RECYCLE_BIN_DAYS = int(os.environ.get("RECYCLE_BIN_DAYS", "30"))
# Visitor statistics (visitors/): count page views and daily visitors, without cookies or stored addresses.
VISITORS_COUNTING = env_bool("VISITORS_COUNTING", True)
# Each worker writes the views it counted at most this often (visitors/counting.py: PendingViews).
VISITORS_FLUSH_SECONDS = int(os.environ.get("VISITORS_FLUSH_SECONDS", "10"))

# Forum posting limits (see forum/services.py).
FORUM_POST_MIN_INTERVAL_SECONDS = int(os.environ.get("FORUM_POST_MIN_INTERVAL_SECONDS", "15"))
FORUM_EDIT_WINDOW = timedelta(minutes=30)
