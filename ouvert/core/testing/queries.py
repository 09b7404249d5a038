"""Helpers that pin the number of SQL queries of a page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url: str) -> int:
    """The number of SQL queries it takes to serve `url` (the answer must be 200)."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    # A streamed answer reads the database while it is consumed.
    if response.streaming:
        with CaptureQueriesContext(connection) as streaming:
            b"".join(response.streaming_content)
        return len(context) + len(streaming)
    return len(context)


def assert_constant_queries(client, url: str, grow) -> int:
    """Assert that `url` costs as many queries after `grow()` adds rows as before; return the count.

    `grow` should add many more rows than the page had: a list page that costs one query per row
    (an N+1) fails here, whatever the absolute number.
    """
    before = page_queries(client, url)
    grow()
    after = page_queries(client, url)
    assert after == before, f"{url}: {before} queries, then {after} after adding rows"
    return after
