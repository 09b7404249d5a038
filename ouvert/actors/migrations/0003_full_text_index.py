"""The full-text index of actors: FTS5 on SQLite, a French tsvector with GIN on PostgreSQL.

Both index the name, short name and mission (accents and case ignored) and the filter tokens of
`search_tags` (see ouvert.actors.models.search_tags). On SQLite the FTS5 table is an external-content
index over actors_actor, keyed by the random `search_key` and kept in step by triggers. A later
migration that makes Django rebuild actors_actor on SQLite drops those triggers: it must recreate
them (the tests of ouvert.actors.tests.test_search fail otherwise).
"""

from django.db import migrations

_COLUMNS = "name, short_name, mission, search_tags"
_OLD = "old.search_key, old.name, old.short_name, old.mission, old.search_tags"
_NEW = "new.search_key, new.name, new.short_name, new.mission, new.search_tags"
# Only published actors are indexed: pending and refused ones never come out of a search.
SQLITE_CREATE = [
    f"""
    CREATE VIRTUAL TABLE actors_actor_fts USING fts5(
        {_COLUMNS},
        content='actors_actor', content_rowid='search_key',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    f"""
    CREATE TRIGGER actors_actor_fts_insert AFTER INSERT ON actors_actor BEGIN
        INSERT INTO actors_actor_fts(rowid, {_COLUMNS})
        SELECT {_NEW} WHERE new.status = 'published';
    END
    """,
    f"""
    CREATE TRIGGER actors_actor_fts_delete AFTER DELETE ON actors_actor BEGIN
        INSERT INTO actors_actor_fts(actors_actor_fts, rowid, {_COLUMNS})
        SELECT 'delete', {_OLD} WHERE old.status = 'published';
    END
    """,
    f"""
    CREATE TRIGGER actors_actor_fts_update
    AFTER UPDATE OF name, short_name, mission, search_tags, search_key, status ON actors_actor
    BEGIN
        INSERT INTO actors_actor_fts(actors_actor_fts, rowid, {_COLUMNS})
        SELECT 'delete', {_OLD} WHERE old.status = 'published';
        INSERT INTO actors_actor_fts(rowid, {_COLUMNS})
        SELECT {_NEW} WHERE new.status = 'published';
    END
    """,
    f"""
    INSERT INTO actors_actor_fts(rowid, {_COLUMNS})
    SELECT search_key, {_COLUMNS} FROM actors_actor WHERE status = 'published'
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS actors_actor_fts_insert",
    "DROP TRIGGER IF EXISTS actors_actor_fts_delete",
    "DROP TRIGGER IF EXISTS actors_actor_fts_update",
    "DROP TABLE IF EXISTS actors_actor_fts",
]

POSTGRESQL_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'ouvert_french') THEN
            CREATE TEXT SEARCH CONFIGURATION ouvert_french (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION ouvert_french
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$
    """,
    """
    ALTER TABLE actors_actor ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        CASE WHEN status = 'published' THEN
            setweight(to_tsvector('ouvert_french', name || ' ' || short_name), 'A')
            || setweight(to_tsvector('ouvert_french', mission), 'B')
            || to_tsvector('simple', search_tags)
        END
    ) STORED
    """,
    "CREATE INDEX actors_actor_search_idx ON actors_actor USING gin (search_vector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS actors_actor_search_idx",
    "ALTER TABLE actors_actor DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise NotImplementedError(
                f"ouvert's actor search supports SQLite and PostgreSQL, not "
                f"{schema_editor.connection.vendor}."
            )
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("actors", "0002_reference_search_moderation")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        )
    ]
