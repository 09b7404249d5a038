"""Database helpers shared by the apps."""

from django.db import connection


def prepared_cursor():
    """A cursor whose statements PostgreSQL may keep prepared on the connection.

    Django's PostgreSQL cursors bind parameters on the client, so the server parses and plans each
    statement anew. On a hot path (the vote), this cursor binds them on the server instead, and
    psycopg prepares a statement once it has run `prepare_threshold` times on the connection
    (DATABASES OPTIONS; None turns it off, for a pooler that cannot keep prepared statements).
    Elsewhere (SQLite, or preparing turned off) it is Django's usual cursor. Either way it is
    wrapped by Django: errors, execute wrappers and query logging behave as for any cursor.
    """
    if connection.vendor != "postgresql":
        return connection.cursor()
    # What Django does before any cursor: a reused connection that fails its health check is
    # replaced, then the connection is opened if needed.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    with connection.wrap_database_errors:
        cursor = ServerBindingCursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)
