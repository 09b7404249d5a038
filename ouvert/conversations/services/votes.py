"""Votes: one per participant and statement, cast with one SQL statement on PostgreSQL."""

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ouvert.conversations import selectors
from ouvert.conversations.models import (
    AnalysisRequest,
    Conversation,
    Participant,
    Statement,
    Vote,
    VoteChange,
)
from ouvert.conversations.services import analyses
from ouvert.conversations.services.participants import ParticipationRefused, UnknownParticipant
from ouvert.core.db import fetchone_retrying


@dataclass(frozen=True)
class VoteOutcome:
    statement_id: int
    created: bool  # a first vote on this statement
    changed: bool  # a revote with a different value


def _votable_statement(conversation_id: int, statement_number: int) -> Statement:
    """The statement, or ParticipationRefused saying why it cannot receive a vote."""
    statement = (
        Statement.objects.select_related("conversation")
        .filter(conversation_id=conversation_id, number=statement_number)
        .first()
    )
    if statement is None:
        raise ParticipationRefused(_("Cette proposition n'existe pas."))
    if not statement.conversation.is_open:
        raise ParticipationRefused(_("Cette conversation n'est pas ouverte."))
    if not selectors.statement_is_votable(statement):
        raise ParticipationRefused(_("Cette proposition n'est pas soumise au vote."))
    return statement


def vote_cast(*, participant: Participant, statement_number: int, value: int) -> VoteOutcome:
    """Record a participant's vote; a new vote on the same statement replaces the previous one.

    The vote is unique per participant and statement in the database (INSERT ... ON CONFLICT):
    concurrent requests cannot create two, and sending the same vote again changes nothing. A
    replaced vote is kept in VoteChange (Pol.is exports every vote event).
    """
    if value not in Vote.Value.values:
        raise ParticipationRefused(_("Vote inconnu."))
    now = timezone.now()
    conversation_id = participant.conversation_id
    vote_table = Vote._meta.db_table
    statement_table = Statement._meta.db_table
    conversation_table = Conversation._meta.db_table
    participant_table = Participant._meta.db_table
    # The statement must be open to votes and the participant one of the conversation's (a
    # cookie participant is not read beforehand). The WHERE clause also keeps SQLite's parser from
    # reading ON CONFLICT as a join constraint.
    insert = (
        f"INSERT INTO {vote_table} "  # noqa: S608 - table names from the models
        "(conversation_id, participant_id, statement_id, value, created_at, updated_at) "
        f"SELECT s.conversation_id, p.id, s.id, %s, %s, %s FROM {statement_table} s "
        f"INNER JOIN {conversation_table} c ON c.id = s.conversation_id "
        f"INNER JOIN {participant_table} p ON p.conversation_id = s.conversation_id "
        "WHERE p.id = %s AND s.conversation_id = %s AND s.number = %s AND c.status = %s "
        "AND (s.status = %s OR (s.status = %s AND NOT c.strict_moderation)) "
        "ON CONFLICT (participant_id, statement_id) DO NOTHING RETURNING statement_id"
    )
    parameters = [
        value,
        now,
        now,
        participant.pk,
        conversation_id,
        statement_number,
        Conversation.Status.OPEN,
        Statement.Status.ACCEPTED,
        Statement.Status.PENDING,
    ]
    if connection.vendor == "postgresql":
        # One statement, atomic by itself (no BEGIN/COMMIT round trips): the vote and, for a new
        # vote, the request for an analysis. Prepared on the connection: parsing and planning it
        # for each vote was half of PostgreSQL's CPU per vote (docs/benchmarks.md). Safe to run
        # twice (ON CONFLICT DO NOTHING), so a dead connection is found by the statement itself
        # rather than by a health check before it.
        row = fetchone_retrying(
            f"WITH vote AS ({insert}), request AS ("  # noqa: S608
            f"INSERT INTO {AnalysisRequest._meta.db_table} (conversation_id, requested_at) "
            "SELECT %s, %s FROM vote ON CONFLICT (conversation_id) DO NOTHING "
            "RETURNING conversation_id) "
            "SELECT (SELECT statement_id FROM vote), (SELECT count(*) FROM request)",
            [*parameters, conversation_id, now],
        )
        if row[0] is not None:
            if row[1]:
                analyses.analysis_queue(conversation_id)
            return VoteOutcome(statement_id=row[0], created=True, changed=False)
    with transaction.atomic():
        if connection.vendor != "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(insert, parameters)
                row = cursor.fetchone()
            if row is not None:
                analyses.analysis_request(conversation_id=conversation_id)
                return VoteOutcome(statement_id=row[0], created=True, changed=False)
        if not Participant.objects.filter(
            pk=participant.pk, conversation_id=conversation_id
        ).exists():
            raise UnknownParticipant
        statement = _votable_statement(conversation_id, statement_number)
        vote = (
            Vote.objects.select_for_update()
            .filter(participant=participant, statement=statement)
            .first()
        )
        if vote is None:  # voted on then deleted with an account in between: try once more
            raise ParticipationRefused(_("Votre vote n'a pas pu être enregistré, réessayez."))
        if vote.value == value:
            return VoteOutcome(statement_id=statement.pk, created=False, changed=False)
        VoteChange.objects.create(
            conversation_id=conversation_id,
            participant=participant,
            statement=statement,
            value=vote.value,
            cast_at=vote.updated_at,
        )
        vote.value = value
        vote.updated_at = now
        vote.save(update_fields=["value", "updated_at"])
        analyses.analysis_request(conversation_id=conversation_id)
        return VoteOutcome(statement_id=statement.pk, created=False, changed=True)
