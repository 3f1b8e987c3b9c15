"""PostgreSQL: the search data moves from a column of the versions to a narrow table of its own.

Matching and ranking a common word reads every matching row. In the versions table a row holds
the text as well (several kB), so a common word in a large organisation read thousands of wide
pages; `documents_search` holds only (version, organisation, tsvector) of the versions a search
may return (published and being worked on, not superseded or withdrawn), with a GIN index on
(organisation, vector) through `btree_gin`, so the scan stays within the organisation. SQLite
keeps its FTS5 table of the same name (0002). The versions' (organisation, status) index now
covers id and document, so the versions a person may search are found without their rows.
"""

from django.db import migrations, models


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in (
        "CREATE EXTENSION IF NOT EXISTS btree_gin",
        "CREATE TABLE documents_search (version_id bigint PRIMARY KEY, "
        "organisation_id bigint NOT NULL, vector tsvector NOT NULL)",
        "INSERT INTO documents_search (version_id, organisation_id, vector) "
        "SELECT id, organisation_id, search_vector FROM documents_documentversion "
        "WHERE search_vector IS NOT NULL "
        "AND status IN ('published', 'draft', 'in_review', 'approved')",
        "CREATE INDEX documents_search_gin ON documents_search "
        "USING GIN (organisation_id, vector)",
        "DROP INDEX IF EXISTS documents_version_search_gin",
    ):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TABLE IF EXISTS documents_search")


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_level_labels")]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.RemoveField(model_name="documentversion", name="search_vector"),
        migrations.RemoveIndex(
            model_name="documentversion", name="documents_d_organis_5f15c0_idx"
        ),
        migrations.AddIndex(
            model_name="documentversion",
            index=models.Index(
                fields=["organisation", "status"],
                include=["id", "document"],
                name="version_org_status_idx",
            ),
        ),
    ]
