"""Moving from Pol.is: a conversation created from a Pol.is export, all or nothing."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ouvert.conversations import polis
from ouvert.conversations.models import (
    Conversation,
    Participant,
    Statement,
    Vote,
    VoteChange,
)
from ouvert.conversations.services.analyses import analysis_request
from ouvert.core.services import save_with_history

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
