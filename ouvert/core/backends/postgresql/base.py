"""Django's PostgreSQL backend with a health check that needs no round trip to the server.

Django checks a reused connection at the start of each request (CONN_HEALTH_CHECKS) by sending it
`SELECT 1`. On the vote path, that round trip cost the web process and PostgreSQL about a ninth of
a vote's CPU (docs/benchmarks.md). Between two requests a healthy connection is idle and the
server sends it nothing; a server that goes away (restart, failover, `idle_session_timeout`,
`pg_terminate_backend`) sends a last message and closes the socket. So the check here asks the
kernel whether anything is waiting to be read on the idle connection: if so, or if the connection
is known to be broken, it is not usable, and Django opens a new one before the request's first
query. What it cannot see is a peer that vanished without closing (a cut network); `SELECT 1`
would then wait for the TCP timeout too.
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        if self.connection is None or self.connection.closed:
            return False
        if self.connection.pgconn.status != pq.ConnStatus.OK:
            return False
        if self.connection.info.transaction_status == pq.TransactionStatus.INERROR:
            return False
        try:
            readable, _, _ = select.select([self.connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable
