"""PostgreSQL's trigram matching (misspellings) sees Thai letters only under a UTF-8 LC_CTYPE."""

from django.core.checks import Error, Tags, register
from django.db import connections


@register(Tags.database)
def postgresql_ctype_is_utf8(app_configs, databases=None, **kwargs):
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
            ctype = cursor.fetchone()[0]
        if "utf" not in ctype.lower().replace("-", ""):
            errors.append(
                Error(
                    f"Database '{alias}' has LC_CTYPE {ctype}: Thai search cannot match misspellings.",
                    hint="Create the database with LC_CTYPE 'C.UTF-8' (see README: PostgreSQL).",
                    id="search.E001",
                )
            )
    return errors
