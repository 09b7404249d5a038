import threading

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from ouvert.accounts.tests.factories import UserFactory
from ouvert.conversations import selectors, services
from ouvert.conversations.models import (
    Analysis,
    AnalysisRequest,
    Conversation,
    OpinionGroup,
    Participant,
    Statement,
    Vote,
    VoteChange,
)
from ouvert.conversations.services import analyses
from ouvert.conversations.tests.factories import ConversationFactory
from ouvert.core.models import HistoryEntry
from ouvert.core.testing.database import health_checks, terminate_connection

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation():
    return ConversationFactory()


def _seed(conversation, moderator, count=3):
    return [
        services.statement_seed(
            conversation=conversation, text=f"Proposition {n}", acting_user=moderator
        )
        for n in range(count)
    ]


def test_first_votes_revotes_and_repeated_votes(conversation, moderator):
    statement = _seed(conversation, moderator, 1)[0]
    participant = services.participant_create(conversation=conversation)
    first = services.vote_cast(participant=participant, statement_number=statement.number, value=1)
    assert (first.created, first.changed) == (True, False)
    same = services.vote_cast(participant=participant, statement_number=statement.number, value=1)
    assert (same.created, same.changed) == (False, False)
    changed = services.vote_cast(
        participant=participant, statement_number=statement.number, value=-1
    )
    assert (changed.created, changed.changed) == (False, True)
    vote = Vote.objects.get(participant=participant, statement=statement)
    assert vote.value == -1
    # The replaced vote is kept, once; the repeated request left no trace.
    assert list(VoteChange.objects.values_list("value", flat=True)) == [1]


def test_postgresql_keeps_the_vote_statement_prepared(conversation, moderator):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    statements = _seed(conversation, moderator, 8)
    participant = services.participant_create(conversation=conversation)
    for statement in statements:
        services.vote_cast(participant=participant, statement_number=statement.number, value=1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["WITH vote AS (INSERT INTO conversations_vote %"],
        )
        assert cursor.fetchone()[0] == 1
    # Prepared or not, every vote is there, and one analysis is asked for.
    assert Vote.objects.filter(participant=participant, value=1).count() == 8
    assert AnalysisRequest.objects.filter(conversation=conversation).count() == 1


@pytest.mark.parametrize(
    ("status", "strict", "allowed"),
    [
        (Statement.Status.ACCEPTED, True, True),
        (Statement.Status.PENDING, True, False),
        (Statement.Status.PENDING, False, True),
        (Statement.Status.REJECTED, False, False),
    ],
)
def test_which_statements_take_votes(status, strict, allowed):
    conversation = ConversationFactory(strict_moderation=strict)
    statement = Statement.objects.create(
        conversation=conversation, number=0, text="Une proposition.", status=status
    )
    participant = services.participant_create(conversation=conversation)
    if allowed:
        services.vote_cast(participant=participant, statement_number=statement.number, value=0)
        assert Vote.objects.count() == 1
    else:
        with pytest.raises(services.ParticipationRefused, match="pas soumise au vote"):
            services.vote_cast(participant=participant, statement_number=statement.number, value=0)
        assert Vote.objects.count() == 0


def test_a_closed_conversation_takes_no_votes(conversation, moderator):
    statement = _seed(conversation, moderator, 1)[0]
    participant = services.participant_create(conversation=conversation)
    services.conversation_set_status(
        conversation=conversation, status=Conversation.Status.CLOSED, acting_user=moderator
    )
    with pytest.raises(services.ParticipationRefused, match="pas ouverte"):
        services.vote_cast(participant=participant, statement_number=statement.number, value=1)


def test_a_participant_of_another_conversation_cannot_vote_here(conversation, moderator):
    statement = _seed(conversation, moderator, 1)[0]
    stranger = services.participant_create(conversation=ConversationFactory())
    stranger.conversation = conversation  # as a forged cookie would claim
    with pytest.raises(services.UnknownParticipant):
        services.vote_cast(participant=stranger, statement_number=statement.number, value=1)
    assert Vote.objects.count() == 0


def test_unknown_statement_and_vote(conversation):
    participant = services.participant_create(conversation=conversation)
    with pytest.raises(services.ParticipationRefused, match="n'existe pas"):
        services.vote_cast(participant=participant, statement_number=99, value=1)
    with pytest.raises(services.ParticipationRefused):
        services.vote_cast(participant=participant, statement_number=0, value=2)


def test_votes_ask_for_one_analysis_however_many_arrive(
    conversation, moderator, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(analyses, "_enqueue_analysis", lambda cid, **kw: queued.append(cid))
    statements = _seed(conversation, moderator)
    AnalysisRequest.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            participant = services.participant_create(conversation=conversation)
            for statement in statements:
                services.vote_cast(
                    participant=participant, statement_number=statement.number, value=1
                )
    assert queued == [conversation.pk]
    assert AnalysisRequest.objects.filter(conversation=conversation).count() == 1


def test_participants_and_statements_are_numbered_in_order(conversation, moderator):
    assert [services.participant_create(conversation=conversation).number for _ in range(3)] == [
        0,
        1,
        2,
    ]
    assert [s.number for s in _seed(conversation, moderator)] == [0, 1, 2]


def test_a_signed_in_person_has_one_participation_and_claims_their_anonymous_one(conversation):
    user = UserFactory()
    anonymous = services.participant_create(conversation=conversation)
    claimed = services.participant_claim(participant=anonymous, user=user)
    assert claimed.user == user
    assert services.participant_create(conversation=conversation, user=user) == claimed
    other = services.participant_create(conversation=conversation)
    assert services.participant_claim(participant=other, user=user).user_id is None


def test_anonymous_participation_can_be_switched_off():
    conversation = ConversationFactory(anonymous_participation=False)
    with pytest.raises(services.ParticipationRefused, match="Connectez-vous"):
        services.participant_create(conversation=conversation)
    assert services.participant_create(conversation=conversation, user=UserFactory()).user


def test_a_participant_statement_waits_for_moderation_and_its_author_agrees(conversation):
    author = services.participant_create(conversation=conversation)
    statement = services.statement_submit(participant=author, text="  Une   idée neuve. ")
    assert statement.text == "Une idée neuve."
    assert statement.status == Statement.Status.PENDING
    assert Vote.objects.get(statement=statement).value == Vote.Value.AGREE
    with pytest.raises(ValidationError, match="existe déjà"):
        services.statement_submit(participant=author, text="une idée neuve.")
    with pytest.raises(ValidationError, match="400"):
        services.statement_submit(participant=author, text="x" * 401)


def test_moderation_decisions_enter_the_conversation_history(conversation, moderator):
    author = services.participant_create(conversation=conversation)
    statement = services.statement_submit(participant=author, text="À modérer.")
    services.statement_moderate(
        statement=statement, status=Statement.Status.REJECTED, acting_user=moderator
    )
    statement.refresh_from_db()
    assert statement.status == Statement.Status.REJECTED
    assert statement.moderated_at is not None
    entry = HistoryEntry.objects.filter(
        scope=f"conversations.conversation:{conversation.pk}"
    ).first()
    assert entry.actor == moderator
    assert entry.changes == {"status": ["pending", "rejected"]}


def test_statement_labels_written_with_their_text_lose_it(conversation, moderator):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("ouvert.conversations.migrations.0003_statement_labels_without_text")
    author = services.participant_create(conversation=conversation)
    statement = services.statement_submit(participant=author, text="À écarter.")
    services.statement_moderate(
        statement=statement, status=Statement.Status.REJECTED, acting_user=moderator
    )
    entry = HistoryEntry.objects.get(object_id=str(statement.pk))
    HistoryEntry.objects.filter(pk=entry.pk).update(object_repr=f"{statement.number}. À écarter.")
    migration.relabel_statements(apps, None)
    entry.refresh_from_db()
    assert entry.object_repr == f"Proposition n° {statement.number}"


def test_report_publication_is_recorded(conversation, moderator):
    services.report_publish(conversation=conversation, acting_user=moderator, summary="Synthèse.")
    assert conversation.report_is_published
    services.report_unpublish(conversation=conversation, acting_user=moderator)
    actions = list(
        HistoryEntry.objects.filter(object_id=str(conversation.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == [HistoryEntry.Action.PUBLISHED, HistoryEntry.Action.UNPUBLISHED]


def _vote_in_groups(conversation, statements, participants=40, seed=0):
    rng = np.random.default_rng(seed)
    for index in range(participants):
        participant = services.participant_create(conversation=conversation)
        side = 1 if index % 2 else -1
        for number, statement in enumerate(statements):
            value = side if number % 2 else -side
            if rng.random() < 0.1:
                value = -value
            services.vote_cast(
                participant=participant, statement_number=statement.number, value=value
            )


def test_the_analysis_finds_the_groups_and_saves_them(conversation, moderator):
    statements = _seed(conversation, moderator, 10)
    _vote_in_groups(conversation, statements)
    outcome = services.analysis_update(conversation_id=conversation.pk)
    assert outcome.status == "updated"
    assert outcome.votes == 400
    analysis = Analysis.objects.get(pk=conversation.pk)
    assert analysis.version == 1
    assert analysis.results["k"] == 2
    assert sorted(group["size"] for group in analysis.results["groups"]) == [20, 20]
    assert set(analysis.results["priorities"]) == {str(s.pk) for s in statements}
    assert list(OpinionGroup.objects.values_list("size", flat=True)) == [20, 20]
    assert not AnalysisRequest.objects.filter(conversation=conversation).exists()
    # The next update starts from the stored state.
    services.analysis_update(conversation_id=conversation.pk)
    analysis.refresh_from_db()
    assert analysis.version == 2


def test_a_conversation_another_worker_holds_is_left_to_it(conversation, moderator, monkeypatch):
    queued = []
    monkeypatch.setattr(analyses, "_enqueue_analysis", lambda cid, **kw: queued.append(cid))
    Analysis.objects.create(
        conversation=conversation,
        lease_until=timezone.now() + services.ANALYSIS_LEASE,
    )
    assert services.analysis_update(conversation_id=conversation.pk).status == "busy"
    assert queued == [conversation.pk]
    assert Analysis.objects.get(pk=conversation.pk).version == 0


def test_a_worker_that_lost_the_race_does_not_overwrite_the_newer_map(
    conversation, moderator, monkeypatch
):
    statements = _seed(conversation, moderator, 4)
    _vote_in_groups(conversation, statements, participants=20)
    real = selectors.vote_arrays

    def racing(conversation_id):
        # Another worker saves while this one reads the votes.
        Analysis.objects.filter(pk=conversation_id).update(version=7)
        return real(conversation_id)

    monkeypatch.setattr(selectors, "vote_arrays", racing)
    assert services.analysis_update(conversation_id=conversation.pk).status == "conflict"
    assert Analysis.objects.get(pk=conversation.pk).version == 7
    assert AnalysisRequest.objects.filter(conversation=conversation).exists()


def test_a_vote_slipping_in_during_the_analysis_asks_for_another(
    conversation, moderator, monkeypatch
):
    statements = _seed(conversation, moderator, 2)
    participant = services.participant_create(conversation=conversation)
    services.vote_cast(participant=participant, statement_number=statements[0].number, value=1)
    real = selectors.vote_arrays

    def late_vote(conversation_id):
        arrays = real(conversation_id)
        # Committed after the read, its request found the old row (deleted since).
        Vote.objects.create(
            conversation=conversation, participant=participant, statement=statements[1], value=1
        )
        return arrays

    monkeypatch.setattr(selectors, "vote_arrays", late_vote)
    services.analysis_update(conversation_id=conversation.pk)
    assert AnalysisRequest.objects.filter(conversation=conversation).exists()


def test_an_empty_conversation_is_analysed_without_error(conversation, moderator):
    _seed(conversation, moderator, 2)
    assert services.analysis_update(conversation_id=conversation.pk).status == "empty"
    results = Analysis.objects.get(pk=conversation.pk).results
    assert results["groups"] == []
    assert len(results["priorities"]) == 2


@pytest.mark.django_db(transaction=True)
def test_a_vote_on_a_reused_connection_that_died_is_recorded_once(moderator, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's connection does not die")
    conversation = ConversationFactory()
    statements = _seed(conversation, moderator, 2)
    participant = services.participant_create(conversation=conversation)
    checks = health_checks(monkeypatch)
    connection.health_check_done = False  # a new request on a live reused connection
    services.vote_cast(participant=participant, statement_number=statements[0].number, value=1)
    assert checks == []  # no SELECT 1 before the vote
    terminate_connection()  # between two requests of a web process
    outcome = services.vote_cast(
        participant=participant, statement_number=statements[1].number, value=-1
    )
    assert (outcome.created, outcome.changed) == (True, False)
    assert sorted(Vote.objects.filter(participant=participant).values_list("value", flat=True)) == [
        -1,
        1,
    ]


@pytest.mark.django_db(transaction=True)
def test_concurrent_identical_votes_make_one_vote(moderator):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL")
    conversation = ConversationFactory()
    statement = _seed(conversation, moderator, 1)[0]
    participant = services.participant_create(conversation=conversation)
    barrier = threading.Barrier(8)
    errors = []

    def vote():
        try:
            barrier.wait()
            services.vote_cast(participant=participant, statement_number=statement.number, value=1)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Vote.objects.filter(participant=participant).count() == 1
    assert VoteChange.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_votes_of_one_account_make_one_participant():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL")
    conversation = ConversationFactory()
    user = UserFactory()
    barrier = threading.Barrier(6)
    created, errors = [], []

    def join():
        try:
            barrier.wait()
            created.append(services.participant_create(conversation=conversation, user=user).pk)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=join) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(created)) == 1
    assert Participant.objects.filter(conversation=conversation).count() == 1
