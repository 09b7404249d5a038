"""Supports and registrations under real concurrency: threads, each with its own connection.

These run against PostgreSQL (CI runs the suite on it). SQLite's in-memory test database is one
shared-cache database: a second connection writing at the same time gets "database table is
locked" at once instead of waiting, so the threads cannot race there and the tests are skipped.
The database constraints themselves are proved on both engines in test_proposals.py.
"""

import threading

import pytest
from django.db import close_old_connections, connection

from ouvert.accounts.tests.factories import UserFactory
from ouvert.participation import services
from ouvert.participation.models import Registration, Support
from ouvert.participation.tests.factories import EventFactory, ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _needs_concurrent_connections():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("SQLite's in-memory test database cannot hold concurrent writers")


def run_at_once(calls) -> list[Exception]:
    """Start every call in its own thread at the same instant; return the errors they raised."""
    barrier = threading.Barrier(len(calls))
    errors: list[Exception] = []

    def run(call):
        try:
            barrier.wait()
            call()
        except Exception as error:  # reported by the test
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_fifty_people_supporting_at_once_count_fifty():
    proposal = ProposalFactory()
    people = UserFactory.create_batch(50)
    errors = run_at_once(
        [
            lambda person=person: services.support_set(
                acting_user=person, proposal=proposal, supporting=True
            )
            for person in people
        ]
    )
    assert not errors, errors
    assert Support.objects.filter(proposal=proposal).count() == 50


def test_a_double_click_counts_once_even_when_both_requests_arrive_together():
    proposal = ProposalFactory()
    person = UserFactory()
    errors = run_at_once(
        [
            lambda: services.support_set(acting_user=person, proposal=proposal, supporting=True)
            for _ in range(8)
        ]
    )
    assert not errors, errors
    assert Support.objects.filter(proposal=proposal).count() == 1


def test_the_last_seats_go_to_exactly_as_many_people_as_there_are_seats():
    event = EventFactory(capacity=5)
    people = UserFactory.create_batch(20)
    errors = run_at_once(
        [
            lambda person=person: services.registration_create(acting_user=person, event=event)
            for person in people
        ]
    )
    assert not errors, errors
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status="confirmed").count() == 5
    assert registrations.filter(status="waitlisted").count() == 15

    # Five cancel while five more register: every freed seat goes to someone waiting.
    leaving = [r.user for r in registrations.filter(status="confirmed")]
    newcomers = UserFactory.create_batch(5)
    errors = run_at_once(
        [
            lambda person=person: services.registration_cancel(acting_user=person, event=event)
            for person in leaving
        ]
        + [
            lambda person=person: services.registration_create(acting_user=person, event=event)
            for person in newcomers
        ]
    )
    assert not errors, errors
    assert registrations.filter(status="confirmed").count() == 5
    assert registrations.filter(status="waitlisted").count() == 15
    assert registrations.filter(status="cancelled").count() == 5
    # The first five of the waitlist got the seats; newcomers wait behind them.
    assert not registrations.filter(status="confirmed", user__in=newcomers).exists()
