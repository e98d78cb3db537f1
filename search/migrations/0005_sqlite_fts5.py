from django.db import migrations

# SQLite: an FTS5 index over the pre-segmented tokens (one token per space-separated word, so the
# unicode61 tokenizer keeps 婴儿推车 whole), external-content and kept in step by triggers.
CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_entry_fts USING fts5(tokens, content='search_searchentry', "
    "content_rowid='listing_id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER IF NOT EXISTS search_entry_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_entry_fts(rowid, tokens) VALUES (new.listing_id, new.tokens); END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, tokens) VALUES ('delete', old.listing_id, old.tokens); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, tokens) VALUES ('delete', old.listing_id, old.tokens); "
    "INSERT INTO search_entry_fts(rowid, tokens) VALUES (new.listing_id, new.tokens); END",
    "INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TABLE IF EXISTS search_entry_fts",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_seed_dictionary")]
    operations = [migrations.RunPython(create, drop)]
