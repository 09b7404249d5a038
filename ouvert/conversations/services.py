"""Writes of conversations: statements, moderation, votes, the opinion map, the report.

Changes to the public record (moderation decisions, seed statements, opening and closing, the
report) take `acting_user=` and write their history row in the same transaction. Votes are the
hot path: on PostgreSQL a first vote and its request for a new analysis are one SQL statement;
the analysis itself runs in the background worker (`tasks.analyse_conversation`), at most one
pending task per conversation however many votes arrive.
"""

import datetime
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ouvert.conversations import polis, selectors
from ouvert.conversations.analysis.matrix import build_vote_matrix
from ouvert.conversations.analysis.pipeline import update
from ouvert.conversations.analysis.storage import state_from_bytes, state_to_bytes
from ouvert.conversations.models import (
    STATEMENT_MAX_LENGTH,
    Analysis,
    AnalysisRequest,
    Conversation,
    OpinionGroup,
    Participant,
    Statement,
    Vote,
    VoteChange,
)
from ouvert.conversations.results import analysis_payload, positions_to_bytes
from ouvert.core.history import diff, snapshot
from ouvert.core.models import HistoryEntry
from ouvert.core.services import history_record, save_with_history

# How long a worker may hold a conversation's analysis before another one may take it over.
ANALYSIS_LEASE = datetime.timedelta(minutes=10)


class ParticipationRefused(Exception):
    """A vote or a statement the conversation does not accept; the message says why."""


class UnknownParticipant(Exception):
    """The participant is not (or no longer) one of the conversation's."""


# Conversations --------------------------------------------------------------------------------


@transaction.atomic
def conversation_upsert(*, acting_user: Any, slug: str, data: dict[str, Any]) -> Conversation:
    """Create the conversation `slug` or bring it up to date; re-running changes nothing."""
    conversation = Conversation.objects.filter(slug=slug).first() or Conversation(slug=slug)
    save_with_history(instance=conversation, acting_user=acting_user, data=data)
    return conversation


@transaction.atomic
def conversation_set_status(
    *, conversation: Conversation, status: str, acting_user: Any, message: str = ""
) -> Conversation:
    save_with_history(
        instance=conversation, acting_user=acting_user, data={"status": status}, message=message
    )
    return conversation


def _report_change(conversation: Conversation, acting_user: Any, data: dict, action: str):
    before = snapshot(conversation, Conversation.history_fields)
    for name, value in data.items():
        setattr(conversation, name, value)
    conversation.full_clean()
    changes = diff(before, snapshot(conversation, Conversation.history_fields))
    if not changes:
        return
    conversation.save()
    history_record(instance=conversation, acting_user=acting_user, action=action, changes=changes)


@transaction.atomic
def report_publish(
    *, conversation: Conversation, acting_user: Any, summary: str, summary_en: str = ""
) -> Conversation:
    """Publish the report (or update its summary): the results page becomes a public report."""
    data = {"report_summary": summary, "report_summary_en": summary_en}
    action = HistoryEntry.Action.UPDATED
    if not conversation.report_is_published:
        data["report_published_at"] = timezone.now()
        action = HistoryEntry.Action.PUBLISHED
    _report_change(conversation, acting_user, data, action)
    return conversation


@transaction.atomic
def report_unpublish(*, conversation: Conversation, acting_user: Any) -> Conversation:
    if conversation.report_is_published:
        _report_change(
            conversation,
            acting_user,
            {"report_published_at": None},
            HistoryEntry.Action.UNPUBLISHED,
        )
    return conversation


# Participants ----------------------------------------------------------------------------------


def _next_number(conversation_id: int, counter: str) -> int:
    """The next participant or statement number of a conversation (row-locked counter)."""
    updated = Conversation.objects.filter(pk=conversation_id).update(**{counter: F(counter) + 1})
    if not updated:
        raise Conversation.DoesNotExist
    return Conversation.objects.filter(pk=conversation_id).values_list(counter, flat=True)[0] - 1


@transaction.atomic
def participant_create(*, conversation: Conversation, user: Any = None) -> Participant:
    """A new participant; for a signed-in person, their existing one if they have one."""
    if user is not None and user.is_authenticated:
        existing = Participant.objects.filter(conversation=conversation, user=user).first()
        if existing is not None:
            return existing
    elif not conversation.anonymous_participation:
        raise ParticipationRefused(_("Connectez-vous pour participer à cette conversation."))
    number = _next_number(conversation.pk, "participants_numbered")
    signed_in = user if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            return Participant.objects.create(
                conversation=conversation, number=number, user=signed_in
            )
    except IntegrityError:
        if signed_in is None:
            raise
        # The same person's other request created it first.
        return Participant.objects.get(conversation=conversation, user=signed_in)


def participant_claim(*, participant: Participant, user: Any) -> Participant:
    """Attach an anonymous participation to the account of the person who just signed in, unless
    that account already takes part in the conversation."""
    if participant.user_id is not None or not user.is_authenticated:
        return participant
    try:
        with transaction.atomic():
            claimed = Participant.objects.filter(pk=participant.pk, user__isnull=True).update(
                user=user
            )
    except IntegrityError:  # the account already has its own participation
        return participant
    if claimed:
        participant.user = user
    return participant


# Statements ------------------------------------------------------------------------------------


def _clean_text(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError(_("Écrivez votre proposition."))
    if len(text) > STATEMENT_MAX_LENGTH:
        raise ValidationError(
            _("Une proposition tient en %(max)s caractères au plus.")
            % {"max": STATEMENT_MAX_LENGTH}
        )
    return text


@transaction.atomic
def statement_seed(
    *, conversation: Conversation, text: str, acting_user: Any, is_meta: bool = False
) -> Statement:
    """A statement written by the moderation to start the conversation: accepted at once."""
    statement = Statement(
        conversation=conversation,
        number=_next_number(conversation.pk, "statements_numbered"),
        text=_clean_text(text),
        is_seed=True,
        is_meta=is_meta,
        status=Statement.Status.ACCEPTED,
        moderated_at=timezone.now(),
    )
    statement.save()
    history_record(
        instance=statement,
        acting_user=acting_user,
        action=HistoryEntry.Action.CREATED,
        changes={"text": [None, statement.text], "status": [None, statement.status]},
        message=_("Proposition de départ n° %(number)s") % {"number": statement.number},
    )
    analysis_request(conversation_id=conversation.pk)
    return statement


@transaction.atomic
def statement_submit(*, participant: Participant, text: str) -> Statement:
    """A participant's statement: to moderate first under strict moderation, else open at once.

    As in Pol.is, its author agrees with it: their vote is cast with it.
    """
    conversation = Conversation.objects.get(pk=participant.conversation_id)
    if not conversation.is_open:
        raise ParticipationRefused(_("Cette conversation n'est pas ouverte."))
    if not conversation.accepts_statements:
        raise ParticipationRefused(_("Cette conversation ne reçoit pas de propositions."))
    text = _clean_text(text)
    if Statement.objects.filter(conversation=conversation, text__iexact=text).exists():
        raise ValidationError(_("Cette proposition existe déjà dans la conversation."))
    statement = Statement.objects.create(
        conversation=conversation,
        number=_next_number(conversation.pk, "statements_numbered"),
        text=text,
        author=participant,
        status=Statement.Status.PENDING,
    )
    now = timezone.now()
    Vote.objects.create(
        conversation=conversation,
        participant=participant,
        statement=statement,
        value=Vote.Value.AGREE,
        created_at=now,
        updated_at=now,
    )
    analysis_request(conversation_id=conversation.pk)
    return statement


@transaction.atomic
def statement_moderate(
    *,
    statement: Statement,
    status: str,
    acting_user: Any,
    is_meta: bool | None = None,
    message: str = "",
) -> Statement:
    """Accept or reject a statement (a moderation decision, recorded in the conversation's history).

    A rejected statement stays in the database with its votes, out of the vote and of the math.
    """
    if status not in Statement.Status.values:
        raise ValidationError(_("Décision de modération inconnue."))
    data: dict[str, Any] = {"status": status}
    if is_meta is not None:
        data["is_meta"] = is_meta
    if status != statement.status:
        statement.moderated_at = timezone.now()
    if save_with_history(instance=statement, acting_user=acting_user, data=data, message=message):
        analysis_request(conversation_id=statement.conversation_id)
    return statement


# Votes -----------------------------------------------------------------------------------------


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
        # vote, the request for an analysis.
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH vote AS ({insert}), request AS ("  # noqa: S608
                f"INSERT INTO {AnalysisRequest._meta.db_table} (conversation_id, requested_at) "
                "SELECT %s, %s FROM vote ON CONFLICT (conversation_id) DO NOTHING "
                "RETURNING conversation_id) "
                "SELECT (SELECT statement_id FROM vote), (SELECT count(*) FROM request)",
                [*parameters, conversation_id, now],
            )
            row = cursor.fetchone()
        if row[0] is not None:
            if row[1]:
                transaction.on_commit(lambda: _enqueue_analysis(conversation_id))
            return VoteOutcome(statement_id=row[0], created=True, changed=False)
    with transaction.atomic():
        if connection.vendor != "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(insert, parameters)
                row = cursor.fetchone()
            if row is not None:
                analysis_request(conversation_id=conversation_id)
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
        analysis_request(conversation_id=conversation_id)
        return VoteOutcome(statement_id=statement.pk, created=False, changed=True)


# The opinion map --------------------------------------------------------------------------------


def _enqueue_analysis(conversation_id: int, *, delay: float | None = None) -> None:
    from ouvert.conversations.tasks import analyse_conversation

    delay = settings.OUVERT_CONVERSATION_ANALYSIS_DELAY if delay is None else delay
    task = analyse_conversation
    if delay > 0 and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    task.enqueue(conversation_id=conversation_id)


def analysis_request(*, conversation_id: int) -> bool:
    """Ask the worker to update the conversation's opinion map, once the transaction commits.

    Debounced: a vote that finds a request already waiting adds nothing (ON CONFLICT DO NOTHING,
    which takes no lock, so concurrent voters do not queue on a row). The worker deletes the
    request when it starts, so votes arriving while it computes ask for the next update.
    Returns whether a new task was queued.
    """
    table = AnalysisRequest._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (conversation_id, requested_at) VALUES (%s, %s) "  # noqa: S608
            "ON CONFLICT (conversation_id) DO NOTHING RETURNING conversation_id",
            [conversation_id, timezone.now()],
        )
        inserted = cursor.fetchone() is not None
    if inserted:
        transaction.on_commit(lambda: _enqueue_analysis(conversation_id))
    return inserted


def analysis_request_unstick(*, conversation_id: int, older_than: datetime.timedelta) -> bool:
    """Queue a task again for a request left waiting (a worker stopped before taking it)."""
    stale = AnalysisRequest.objects.filter(
        conversation_id=conversation_id, requested_at__lt=timezone.now() - older_than
    ).update(requested_at=timezone.now())
    if stale:
        transaction.on_commit(lambda: _enqueue_analysis(conversation_id, delay=0))
    return bool(stale)


@dataclass(frozen=True)
class AnalysisOutcome:
    status: str  # "updated", "busy" (another worker holds it), "conflict" (lost a race), "empty"
    votes: int = 0
    seconds: float = 0.0


def analysis_update(*, conversation_id: int) -> AnalysisOutcome:
    """Update a conversation's opinion map from all its votes and the state of the last update.

    Safe with several workers on one database: a worker first takes a lease on the conversation
    (others then leave it, and retry later); it saves only over the version it started from; it
    checks, once saved, that no vote slipped in between reading the votes and deleting the
    request, and asks for one more update if one did.
    """
    started = time.perf_counter()
    now = timezone.now()
    Analysis.objects.get_or_create(conversation_id=conversation_id)
    leased = (
        Analysis.objects.filter(pk=conversation_id)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + ANALYSIS_LEASE)
    )
    if not leased:
        _enqueue_analysis(
            conversation_id, delay=max(settings.OUVERT_CONVERSATION_ANALYSIS_DELAY, 1)
        )
        return AnalysisOutcome(status="busy")
    try:
        AnalysisRequest.objects.filter(conversation_id=conversation_id).delete()
        return _analysis_compute(conversation_id, started)
    finally:
        Analysis.objects.filter(pk=conversation_id).update(lease_until=None)


def _analysis_compute(conversation_id: int, started: float) -> AnalysisOutcome:
    analysis = Analysis.objects.get(pk=conversation_id)
    fingerprint = selectors.vote_fingerprint(conversation_id)
    votes = selectors.vote_arrays(conversation_id)
    statements = selectors.statements_for_analysis(conversation_id)
    previous = state_from_bytes(analysis.state)
    matrix = build_vote_matrix(votes.participants, votes.statements, votes.values)
    moderated_out = statements.moderated_out
    updates = previous.updates if previous else 0
    result = None
    if matrix.n_votes:
        result, state = update(
            matrix,
            moderated_out=moderated_out,
            previous=previous,
            rng=np.random.default_rng([conversation_id, updates]),
        )
    else:
        state = previous
    payload = analysis_payload(result, statements=statements)
    seconds = time.perf_counter() - started
    with transaction.atomic():
        saved = Analysis.objects.filter(pk=conversation_id, version=analysis.version).update(
            version=analysis.version + 1,
            state=state_to_bytes(state) if state is not None else b"",
            positions=positions_to_bytes(result) if result is not None else b"",
            results=payload.results,
            votes_count=matrix.n_votes,
            computed_at=timezone.now(),
            duration_ms=int(seconds * 1000),
        )
        if saved:
            _replace_groups(conversation_id, payload.groups)
    if not saved:
        analysis_request(conversation_id=conversation_id)
        return AnalysisOutcome(status="conflict", votes=matrix.n_votes, seconds=seconds)
    # A vote committed after it found the old request, but too late for our read, left no request:
    # the counts tell (votes and replaced votes only grow, unless an account is deleted).
    if selectors.vote_fingerprint(conversation_id) != (len(votes), fingerprint[1]):
        analysis_request(conversation_id=conversation_id)
    return AnalysisOutcome(
        status="updated" if matrix.n_votes else "empty", votes=matrix.n_votes, seconds=seconds
    )


def _replace_groups(conversation_id: int, groups: list[dict[str, Any]]) -> None:
    now = timezone.now()
    OpinionGroup.objects.filter(conversation_id=conversation_id, position__gte=len(groups)).delete()
    for position, group in enumerate(groups):
        OpinionGroup.objects.update_or_create(
            conversation_id=conversation_id,
            position=position,
            defaults={
                "size": group["size"],
                "representative": group["representative"],
                "updated_at": now,
            },
        )


# Moving from Pol.is -------------------------------------------------------------------------------


MODERATION_STATUS = {
    1: Statement.Status.ACCEPTED,
    0: Statement.Status.PENDING,
    -1: Statement.Status.REJECTED,
}


def _moment(timestamp_ms: int | None, fallback: datetime.datetime) -> datetime.datetime:
    if not timestamp_ms:
        return fallback
    return datetime.datetime.fromtimestamp(timestamp_ms / 1000, tz=datetime.UTC)


@transaction.atomic
def polis_import(
    *,
    export: polis.PolisExport,
    slug: str,
    plan: Any,
    acting_user: Any = None,
    status: str = Conversation.Status.CLOSED,
) -> Conversation:
    """Create a conversation from a Pol.is export read by `polis.read_export`, all or nothing.

    Pol.is's participant and comment ids become the participant and statement numbers, so that
    exporting the conversation gives back the same files. Every vote event is kept: the latest of
    each participant and statement is the vote, the earlier ones are replaced votes.
    """
    if Conversation.objects.filter(slug=slug).exists():
        raise ValidationError(
            _("Une conversation porte déjà l'identifiant « %(slug)s ».") % {"slug": slug}
        )
    now = timezone.now()
    votes = export.votes
    comments = export.comments
    conversation = Conversation(
        slug=slug,
        title=(export.topic or export.name)[:300],
        description=export.description,
        plan=plan,
        status=status,
        # Comments Pol.is left unmoderated were shown to participants: moderation was not strict.
        strict_moderation=not any(comment.moderated == 0 for comment in comments),
    )
    save_with_history(
        instance=conversation,
        acting_user=acting_user,
        data={},
        message=_("Importée de Pol.is (%(name)s).") % {"name": export.name},
    )
    voter_ids = set() if votes is None else set(votes.voters.tolist())
    author_ids = {comment.author for comment in comments if comment.author is not None}
    first_seen: dict[int, int] = {}
    if votes is not None:
        for voter, timestamp in zip(votes.voters.tolist(), votes.timestamps.tolist(), strict=True):
            first_seen.setdefault(voter, timestamp)
    participants = Participant.objects.bulk_create(
        [
            Participant(
                conversation=conversation,
                number=number,
                created_at=_moment(first_seen.get(number), now),
            )
            for number in sorted(voter_ids | author_ids)
        ],
        batch_size=2000,
    )
    participant_of = {participant.number: participant.pk for participant in participants}
    statements = Statement.objects.bulk_create(
        [
            Statement(
                conversation=conversation,
                number=comment.id,
                text=comment.body,
                author_id=participant_of.get(comment.author)
                if comment.author is not None
                else None,
                is_seed=comment.is_seed,
                is_meta=comment.is_meta,
                status=MODERATION_STATUS[comment.moderated],
                created_at=_moment(comment.timestamp_ms, now),
                moderated_at=None if comment.moderated == 0 else _moment(comment.timestamp_ms, now),
            )
            for comment in sorted(comments, key=lambda comment: comment.id)
        ],
        batch_size=2000,
    )
    statement_of = {statement.number: statement.pk for statement in statements}
    created_of = {statement.number: statement.created_at for statement in statements}
    Conversation.objects.filter(pk=conversation.pk).update(
        participants_numbered=max(participant_of, default=-1) + 1,
        statements_numbered=max(statement_of, default=-1) + 1,
    )
    if votes is not None and len(votes):
        _import_votes(conversation, votes, participant_of, statement_of, created_of)
    analysis_request(conversation_id=conversation.pk)
    return conversation


def _import_votes(conversation, votes, participant_of, statement_of, created_of) -> None:
    """Latest event per cell → Vote (in order of first casting, the matrix's row order); the
    earlier events → VoteChange."""
    events: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for timestamp, voter, comment, value in zip(
        votes.timestamps.tolist(),
        votes.voters.tolist(),
        votes.comments.tolist(),
        votes.values.tolist(),
        strict=True,
    ):
        events.setdefault((voter, comment), []).append((timestamp, value))

    def moment(timestamp: int, comment: int) -> datetime.datetime:
        # Cells of participants-votes.csv carry no time: the statement's own date stands in.
        return _moment(timestamp, created_of[comment])

    current = []
    replaced = []
    for (voter, comment), history in sorted(events.items(), key=lambda item: item[1][0][0]):
        participant_id = participant_of[voter]
        statement_id = statement_of[comment]
        for timestamp, value in history[:-1]:
            replaced.append(
                VoteChange(
                    conversation=conversation,
                    participant_id=participant_id,
                    statement_id=statement_id,
                    value=value,
                    cast_at=moment(timestamp, comment),
                )
            )
        current.append(
            Vote(
                conversation=conversation,
                participant_id=participant_id,
                statement_id=statement_id,
                value=history[-1][1],
                created_at=moment(history[0][0], comment),
                updated_at=moment(history[-1][0], comment),
            )
        )
    Vote.objects.bulk_create(current, batch_size=5000)
    VoteChange.objects.bulk_create(replaced, batch_size=5000)
