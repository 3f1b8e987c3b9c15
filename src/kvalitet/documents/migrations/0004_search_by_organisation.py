"""PostgreSQL: the search index on (organisation, search vector) instead of the vector alone.

Every search is within one organisation. With the vector alone, a common word's index scan
returns the matching versions of every organisation in the installation before the organisation
is filtered; with `btree_gin` the organisation is part of the GIN key and the scan returns only
its own. (SQLite keeps its FTS5 table.)
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS documents_version_org_search_gin "
        "ON documents_documentversion USING GIN (organisation_id, search_vector)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS documents_version_search_gin")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS documents_version_search_gin "
        "ON documents_documentversion USING GIN (search_vector)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS documents_version_org_search_gin")


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_level_labels")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
