"""Local development: DEBUG on, a throwaway secret, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
