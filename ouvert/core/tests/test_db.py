import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, OperationalError, connection, transaction
from django.db.backends.postgresql.base import ServerBindingCursor
from django.test.utils import CaptureQueriesContext

from ouvert.core.db import fetchone_retrying, prepared_cursor
from ouvert.core.testing.database import health_checks, terminate_connection

pytestmark = pytest.mark.django_db

QUERY = "SELECT %s + 1"


def _statement():
    """A statement this connection has not run yet: psycopg counts runs per connection, and only
    a rollback resets the count."""
    return f"SELECT %s + 1 AS n_{uuid.uuid4().hex}"


def _prepared(statement):
    """How many times PostgreSQL holds `statement` prepared on this connection."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement = %s",
            [statement.replace("%s", "$1")],
        )
        return cursor.fetchone()[0]


def _run(statement, times):
    for number in range(times):
        with prepared_cursor() as cursor:
            cursor.execute(statement, [number])
            assert cursor.fetchone() == (number + 1,)


def test_its_queries_are_logged_and_its_errors_are_djangos():
    with CaptureQueriesContext(connection) as queries, prepared_cursor() as cursor:
        cursor.execute(QUERY, [41])
        assert cursor.fetchone() == (42,)
    # PostgreSQL logs the statement as the server received it, SQLite with its parameters.
    logged = "SELECT $1 + 1" if connection.vendor == "postgresql" else "SELECT 41 + 1"
    assert [query["sql"] for query in queries.captured_queries] == [logged]
    with pytest.raises(DatabaseError), transaction.atomic(), prepared_cursor() as cursor:
        cursor.execute("SELECT FROM no_such_table")


def test_postgresql_prepares_a_statement_run_often_on_the_connection():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    assert connection.connection.prepare_threshold is not None  # the settings' default
    statement = _statement()
    _run(statement, connection.connection.prepare_threshold)
    assert _prepared(statement) == 0
    _run(statement, 2)
    assert _prepared(statement) == 1


def test_preparing_turned_off_leaves_every_statement_unprepared(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    connection.ensure_connection()
    monkeypatch.setattr(connection.connection, "prepare_threshold", None)
    statement = _statement()
    _run(statement, 10)
    assert _prepared(statement) == 0
    with prepared_cursor() as cursor:  # Django's usual cursor: parameters bound on the client
        assert not isinstance(cursor.cursor, ServerBindingCursor)


@pytest.mark.django_db(transaction=True)
def test_a_reused_connection_that_died_is_replaced_first():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's connection does not die")
    connection.ensure_connection()
    connection.connection.close()  # as when the server restarts between two requests
    connection.health_check_done = False  # a new request
    with prepared_cursor() as cursor:
        cursor.execute(QUERY, [1])
        assert cursor.fetchone() == (2,)


@pytest.mark.django_db(transaction=True)
def test_a_repeatable_statement_runs_again_on_a_new_connection_when_the_reused_one_died():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's connection does not die")
    dead = terminate_connection()
    value, pid = fetchone_retrying("SELECT %s + 1, pg_backend_pid()", [1])
    assert value == 2
    assert pid != dead


@pytest.mark.django_db(transaction=True)
def test_a_repeatable_statement_skips_the_health_check_round_trip(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the health check runs on PostgreSQL's reused connections")
    connection.ensure_connection()
    checks = health_checks(monkeypatch)
    connection.health_check_done = False  # a new request
    with prepared_cursor() as cursor:  # Django's way: SELECT 1 first
        cursor.execute(QUERY, [1])
    assert checks == [1]
    connection.health_check_done = False
    assert fetchone_retrying(QUERY, [1]) == (2,)
    assert checks == [1]


@pytest.mark.django_db(transaction=True)
def test_an_error_on_a_live_connection_is_raised_and_the_statement_not_repeated():
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY SEQUENCE runs")
        cursor.execute("SET statement_timeout = '50ms'")
    try:
        # Cancelled: an OperationalError, on a connection still alive.
        with pytest.raises(OperationalError):
            fetchone_retrying("SELECT nextval('runs'), pg_sleep(5)", [])
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
            cursor.execute("SELECT last_value FROM runs")
            assert cursor.fetchone() == (1,)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
            cursor.execute("DROP SEQUENCE runs")


@pytest.mark.django_db(transaction=True)
def test_a_statement_that_kills_a_new_connection_is_not_repeated():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's connection does not die")
    with connection.cursor() as cursor:
        cursor.execute("CREATE SEQUENCE runs")  # not temporary: it must outlive the connection
    # nextval() is not undone when the server process ends; a repeat would make it 2.
    kill = "SELECT nextval('runs'), pg_terminate_backend(pg_backend_pid())"
    try:
        connection.close()  # the statement opens its connection: no reason to think it stale
        with pytest.raises(OperationalError):
            fetchone_retrying(kill, [])
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("SELECT last_value FROM runs")
            assert cursor.fetchone() == (1,)
        # On a reused connection, the same statement is taken for a dead connection: run once
        # more, it ends the new connection too.
        with pytest.raises(OperationalError):
            fetchone_retrying(kill, [])
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("SELECT last_value FROM runs")
            assert cursor.fetchone() == (3,)
    finally:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("DROP SEQUENCE runs")


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_a_dead_connection_is_not_replaced_behind_its_back():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's connection does not die")

    # A new connection would leave the transaction's earlier writes behind: the error is raised.
    def in_a_transaction_whose_connection_died():
        with transaction.atomic():
            connection.connection.close()
            return fetchone_retrying(QUERY, [1])

    with pytest.raises(DatabaseError):
        in_a_transaction_whose_connection_died()


@pytest.mark.parametrize(("switch", "threshold"), [(None, 5), ("0", None), ("1", 5)])
def test_the_settings_turn_preparing_on_for_postgresql_unless_told_not_to(switch, threshold):
    environment = {
        key: value for key, value in os.environ.items() if key != "DATABASE_PREPARED_STATEMENTS"
    }
    environment["DATABASE_URL"] = "postgres://ouvert@127.0.0.1:5432/ouvert"
    if switch is not None:
        environment["DATABASE_PREPARED_STATEMENTS"] = switch
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from config.settings import base; "
            "print(base.DATABASES['default']['OPTIONS'].get('prepare_threshold'))",
        ],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(threshold)
