"""PostgreSQL only: pg_trgm, a GIN index on the search vector, trigram indexes for substrings and misspellings.

SQLite has none of these and needs none (its search path scans the word columns).
pg_trgm returns nothing for Thai when the database's LC_CTYPE is C: create databases with C.UTF-8.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_entry_vector_gin ON search_searchentry USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS search_entry_title_trgm ON search_searchentry USING gin (title gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_entry_text_trgm ON search_searchentry USING gin (text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_entry_title_words_trgm ON search_searchentry USING gin (title_words gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_entry_text_words_trgm ON search_searchentry USING gin (text_words gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_text_words_trgm",
    "DROP INDEX IF EXISTS search_entry_title_words_trgm",
    "DROP INDEX IF EXISTS search_entry_text_trgm",
    "DROP INDEX IF EXISTS search_entry_title_trgm",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
