"""Operations settings kept out of base.py: the LOGGING dict and Sentry's options (README "Operations").

Settings import no app code: the formatters and filters are named by their dotted paths in core/logging.py.
"""

import os


def logging_config(log_format="text", level="WARNING"):
    """The LOGGING setting: one console handler on stdout, ADMINS mail for errors, both throttled."""
    formatter = "json" if log_format.strip().lower() == "json" else "text"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_context": {"()": "core.logging.RequestContextFilter"},
            "throttle": {"()": "core.logging.TracebackThrottle", "window": 60},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {
            "text": {"()": "core.logging.TextFormatter"},
            "json": {"()": "core.logging.JSONFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "level": level,
                "formatter": formatter,
                "filters": ["request_context", "throttle"],
            },
            # Django's own handler, sending to settings.ADMINS; with no ADMINS it sends nothing.
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false", "request_context", "throttle"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django": {"handlers": ["mail_admins"], "level": "INFO", "propagate": True},
            "core": {"handlers": ["mail_admins"], "level": "INFO", "propagate": True},
        },
    }


def sentry_options(dsn):
    """What is sent: exceptions and error log lines, never personal data (users, addresses, cookies, bodies)."""
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    return {
        "dsn": dsn,
        "integrations": [DjangoIntegration(), LoggingIntegration(event_level="ERROR")],
        "send_default_pii": False,
        "max_request_body_size": "never",
        "include_local_variables": False,
        "environment": os.environ.get("SENTRY_ENVIRONMENT", "production"),
        "release": os.environ.get("SENTRY_RELEASE") or None,
        "traces_sample_rate": float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    }


def sentry_init(dsn):
    import sentry_sdk

    sentry_sdk.init(**sentry_options(dsn))
