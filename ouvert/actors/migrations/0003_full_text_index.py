"""The full-text index of actors: FTS5 on SQLite, a French tsvector with GIN on PostgreSQL.

Both index the name, short name and mission (accents and case ignored) and the filter tokens of
`search_tags` (see ouvert.actors.models.search_tags). On SQLite the FTS5 table is an external-content
index over actors_actor, keyed by the random `search_key` and kept in step by triggers. A later
migration that makes Django rebuild actors_actor on SQLite drops those triggers: it must recreate
them (the tests of ouvert.actors.tests.test_search fail otherwise).
"""

from django.db import migrations

from ouvert.actors.search import (
    POSTGRESQL_INDEX,
    SQLITE_FTS_FILL,
    SQLITE_FTS_TABLE,
    SQLITE_FTS_TRIGGERS,
)

# The statements live in ouvert.actors.search, which also uses them when a large import rebuilds
# the index: one definition for both.
SQLITE_CREATE = [SQLITE_FTS_TABLE, *SQLITE_FTS_TRIGGERS, SQLITE_FTS_FILL]
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
    POSTGRESQL_INDEX,
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
