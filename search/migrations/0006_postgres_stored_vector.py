from django.db import migrations

# PostgreSQL: each entry's tsvector stored once, for ranking. Matching already used the GIN
# expression index of 0002, but ts_rank parsed `tokens` again for every matching row of every
# search (12,000 rows for a category word at 100,000 listings). The vectors live in a table of their
# own, not a column: a column would double the width of search_searchentry, and facet counts and
# browsing read that table row by row. Statement-level triggers keep it in step with every write
# (bulk inserts in one statement each); a truncate empties it too. No model: SQLite uses FTS5 (0005).
TABLE = "search_entry_vector"
CREATE = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (listing_id bigint PRIMARY KEY, vector tsvector NOT NULL)",
    """CREATE OR REPLACE FUNCTION search_entry_vector_put() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_entry_vector (listing_id, vector)
    SELECT listing_id, to_tsvector('simple'::regconfig, COALESCE(tokens, '')) FROM changed_rows
    ON CONFLICT (listing_id) DO UPDATE SET vector = EXCLUDED.vector;
    RETURN NULL;
END $$""",
    """CREATE OR REPLACE FUNCTION search_entry_vector_drop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_entry_vector v USING changed_rows c WHERE v.listing_id = c.listing_id;
    RETURN NULL;
END $$""",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE {TABLE};
    RETURN NULL;
END $$""",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON search_searchentry REFERENCING NEW TABLE AS changed_rows "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_put()",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON search_searchentry REFERENCING NEW TABLE AS changed_rows "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_put()",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON search_searchentry REFERENCING OLD TABLE AS changed_rows "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_drop()",
    f"CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON search_searchentry "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_empty()",
    "INSERT INTO search_entry_vector (listing_id, vector) SELECT listing_id, to_tsvector('simple'::regconfig, "
    "COALESCE(tokens, '')) FROM search_searchentry ON CONFLICT (listing_id) DO NOTHING",
]
DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_insert ON search_searchentry",
    f"DROP TRIGGER IF EXISTS {TABLE}_update ON search_searchentry",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete ON search_searchentry",
    f"DROP TRIGGER IF EXISTS {TABLE}_truncate ON search_searchentry",
    f"DROP FUNCTION IF EXISTS {TABLE}_put()",
    f"DROP FUNCTION IF EXISTS {TABLE}_drop()",
    f"DROP FUNCTION IF EXISTS {TABLE}_empty()",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_sqlite_fts5")]
    operations = [migrations.RunPython(create, drop)]
