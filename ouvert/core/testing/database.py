"""Database helpers for tests."""

import time

from django.db import connection


def terminate_connection() -> int:
    """End the server process of this thread's PostgreSQL connection from another connection, as
    a server restart or an administrator would, and wait until it is gone; return its process id.

    The connection object is left as it was, so the next query finds out, as a reused connection
    of a web process would. The next query also starts a new request (Django's health check is
    due again).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    other = connection.get_new_connection(connection.get_connection_params())
    # In autocommit: inside one transaction, pg_stat_activity would stay the snapshot of its
    # first read, and the loop below would wait for ever on a process already gone.
    other.autocommit = True
    try:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
        deadline = time.monotonic() + 10
        while other.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            if time.monotonic() > deadline:
                raise TimeoutError(f"PostgreSQL's process {pid} did not end")
            time.sleep(0.05)
    finally:
        other.close()
    connection.health_check_done = False
    return pid


def health_checks(monkeypatch) -> list[int]:
    """A list that grows by one each time Django checks this thread's connection (`is_usable`,
    the `SELECT 1` round trip of its health check)."""
    checks: list[int] = []
    real = connection.is_usable
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append(1) or real())
    return checks
