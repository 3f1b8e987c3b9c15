"""An index in the order the handbook lists documents (organisation, level as ranked, code), so
that a page of the staff handbook is read from the index instead of sorting every document."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_search_table")]

    operations = [
        migrations.AddIndex(
            model_name="document",
            index=models.Index(
                models.F("organisation"),
                models.Case(
                    models.When(level="management", then=models.Value(0)),
                    models.When(level="core", then=models.Value(1)),
                    models.When(level="support", then=models.Value(2)),
                    default=models.Value(3),
                ),
                models.F("code"),
                name="document_level_idx",
            ),
        ),
    ]
