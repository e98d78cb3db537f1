from django.db import migrations

# The expression matches what SearchVector("tokens", config="simple") generates, so the planner uses it.
CREATE = (
    "CREATE INDEX IF NOT EXISTS search_entry_tokens_fts ON search_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(tokens, '')))"
)
DROP = "DROP INDEX IF EXISTS search_entry_tokens_fts"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
