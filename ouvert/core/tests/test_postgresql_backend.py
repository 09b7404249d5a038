import time

import pytest
from django.db import DataError, connection, connections

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connections["default"].vendor != "postgresql", reason="the PostgreSQL backend's check"
    ),
]


def _server_process():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _terminate(pid):
    """End a server process from another connection, as a restart or an idle timeout would."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            for _ in range(100):
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
                if cursor.fetchone()[0] == 0:
                    return
                time.sleep(0.02)
    finally:
        other.close()
    raise AssertionError("the server process did not end")


def _after_a_new_request():
    connection.health_check_done = False


def test_a_healthy_idle_connection_is_kept_without_a_query(monkeypatch):
    pid = _server_process()

    def no_query(*args, **kwargs):
        raise AssertionError("the health check sent a query")

    monkeypatch.setattr(connection.connection, "cursor", no_query)
    monkeypatch.setattr(connection.connection, "execute", no_query)
    assert connection.is_usable()
    monkeypatch.undo()
    _after_a_new_request()
    assert _server_process() == pid


def test_a_connection_the_server_ended_is_replaced_before_the_first_query():
    pid = _server_process()
    _terminate(pid)
    for _ in range(50):  # the server's last message and the socket's end reach the client
        if not connection.is_usable():
            break
        time.sleep(0.02)
    assert not connection.is_usable()
    _after_a_new_request()
    assert _server_process() != pid  # a new connection, no error


def test_a_closed_or_failed_connection_is_not_usable():
    connection.set_autocommit(False)
    try:
        with pytest.raises(DataError), connection.cursor() as cursor:
            cursor.execute("SELECT 1 / 0")
        assert not connection.is_usable()  # a transaction in error
    finally:
        connection.rollback()
        connection.set_autocommit(True)
    assert connection.is_usable()
    connection.connection.close()
    assert not connection.is_usable()
    connection.close()
