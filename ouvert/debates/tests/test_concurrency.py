"""Votes under real concurrency: threads, each with its own connection, on PostgreSQL.

SQLite's in-memory test database is one shared-cache database: a second connection writing at
the same time gets "database table is locked" at once instead of waiting, so the threads cannot
race there and these tests are skipped (CI runs them on PostgreSQL). The unique constraint itself
is proved on both engines in test_services.py.
"""

import pytest
from django.db import connection

from ouvert.accounts.tests.factories import UserFactory
from ouvert.debates import services
from ouvert.debates.models import ArgumentSupport, Vote
from ouvert.debates.selectors import debate_results
from ouvert.debates.tests.factories import ArgumentFactory, open_debate
from ouvert.participation.tests.test_concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _needs_concurrent_connections():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("SQLite's in-memory test database cannot hold concurrent writers")


def test_fifty_participants_voting_at_once_count_fifty():
    debate = open_debate()
    people = UserFactory.create_batch(50)
    errors = run_at_once(
        [
            lambda person=person: services.vote_cast(
                acting_user=person, debate=debate, choice="for", kind="citizen"
            )
            for person in people
        ]
    )
    assert not errors, errors
    assert Vote.objects.filter(debate=debate).count() == 50
    assert debate_results(debate).overall.votes_for == 50


def test_a_participant_clicking_many_times_at_once_counts_once_with_their_last_choice():
    debate = open_debate()
    person = UserFactory()
    choices = ["for", "against", "abstain"] * 4
    errors = run_at_once(
        [
            lambda choice=choice: services.vote_cast(
                acting_user=person, debate=debate, choice=choice
            )
            for choice in choices
        ]
    )
    assert not errors, errors
    assert Vote.objects.filter(debate=debate, voter=person).count() == 1
    assert debate_results(debate).overall.total == 1


def test_a_double_click_on_support_counts_once():
    argument = ArgumentFactory()
    person = UserFactory()
    errors = run_at_once(
        [
            lambda: services.argument_support_set(
                acting_user=person, argument=argument, supporting=True
            )
            for _ in range(8)
        ]
    )
    assert not errors, errors
    assert ArgumentSupport.objects.filter(argument=argument).count() == 1
