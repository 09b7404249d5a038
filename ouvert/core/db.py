"""Database helpers shared by the apps."""

from django.db import InterfaceError, OperationalError, connection


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


def _fetchone(sql: str, parameters) -> tuple | None:
    with prepared_cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchone()


def fetchone_retrying(sql: str, parameters) -> tuple | None:
    """Run one statement on a prepared cursor and return its first row, without the round trip
    of Django's health check; if the reused connection turns out to be dead, run it again on a
    new one.

    For a hot statement that is safe to run twice, as when the first run's outcome is unknown
    (an INSERT ... ON CONFLICT DO NOTHING). Django checks a reused connection with `SELECT 1`
    before the first query of each request: on the vote, that round trip cost 14 to 18 % of the
    vote's CPU in one process, and a tenth of PostgreSQL's under load (docs/benchmarks.md). Here
    the statement itself finds a dead connection, which is then closed and replaced, once. Any
    other error, or one on a connection opened for this statement, is raised. Inside a
    transaction, or on SQLite, it is `prepared_cursor` as usual.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return _fetchone(sql, parameters)
    reused = connection.connection is not None
    if reused:
        connection.health_check_done = True  # this request's check: the statement below
    try:
        return _fetchone(sql, parameters)
    except (OperationalError, InterfaceError):
        if not reused or connection.is_usable():
            raise
    connection.close()  # dead: the next cursor opens a new connection
    return _fetchone(sql, parameters)
