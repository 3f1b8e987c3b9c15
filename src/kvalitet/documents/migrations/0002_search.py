"""Full-text search storage for each database.

PostgreSQL: a GIN index on the stored tsvector `documentversion.search_vector` (kept current by
`kvalitet.search.index_version`). SQLite: an FTS5 table `documents_search` whose rowid is the
version's id, with the title and the text, kept in sync by the same function.
"""

from django.db import migrations

FTS5_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_search USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2')"
)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS documents_version_search_gin "
            "ON documents_documentversion USING GIN (search_vector)"
        )
    elif vendor == "sqlite":
        schema_editor.execute(FTS5_CREATE)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS documents_version_search_gin")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS documents_search")


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
