"""Error tracking through sentry-sdk, switched on by SENTRY_DSN (settings/base.py); off by default."""

import os


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
