"""A conversation in Pol.is's export format (comments.csv, votes.csv, participants-votes.csv).

Two exports, participants by their number in the conversation in both, never an account:

- `polis_export`, for the moderation and for moving to or from Pol.is: statements of every status
  with their author's number, every vote event (replaced votes included), to the millisecond;
- `public_polis_export`, open data: what the conversations' datasets publish, in Pol.is's files:
  accepted statements without their author, current votes on them only, each dated to its day.

Votes are written with the sign of Pol.is's exports (agree = 1), the inverse of Pol.is's own
database sign (see polis.py).
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.utils import timezone

from ouvert.conversations import polis
from ouvert.conversations.models import Conversation, Participant, Statement, Vote, VoteChange
from ouvert.conversations.selectors import positions_get, statements_public, votes_public
from ouvert.core.http import absolute_url

MODERATED = {
    Statement.Status.ACCEPTED: 1,
    Statement.Status.PENDING: 0,
    Statement.Status.REJECTED: -1,
}


def _ms(moment) -> int:
    return round(moment.timestamp() * 1000)


@dataclass(frozen=True)
class ExportSummary:
    comments: int
    votes: int
    participants: int


def vote_events(conversation: Conversation) -> polis.PolisVotes:
    """Every vote event (earlier votes a revote replaced, then current votes), Pol.is numbering."""
    number_of = dict(
        Participant.objects.filter(conversation=conversation).values_list("id", "number")
    )
    statement_number = dict(
        Statement.objects.filter(conversation=conversation).values_list("id", "number")
    )
    rows = [
        (_ms(cast_at), number_of[participant], statement_number[statement], value)
        for participant, statement, value, cast_at in VoteChange.objects.filter(
            conversation=conversation
        ).values_list("participant_id", "statement_id", "value", "cast_at")
    ]
    rows += [
        (_ms(updated_at), number_of[participant], statement_number[statement], value)
        for participant, statement, value, updated_at in Vote.objects.filter(
            conversation=conversation
        ).values_list("participant_id", "statement_id", "value", "updated_at")
    ]
    rows.sort(key=lambda row: row[0])
    array = np.array(rows, dtype=np.int64).reshape(-1, 4)
    return polis.PolisVotes(
        timestamps=array[:, 0],
        voters=array[:, 1],
        comments=array[:, 2],
        values=array[:, 3].astype(np.int8),
    )


def final_votes(conversation: Conversation) -> polis.PolisVotes:
    rows = np.array(
        list(
            Vote.objects.filter(conversation=conversation).values_list(
                "participant__number", "statement__number", "value"
            )
        ),
        dtype=np.int64,
    ).reshape(-1, 3)
    return polis.PolisVotes(
        timestamps=np.zeros(len(rows), dtype=np.int64),
        voters=rows[:, 0],
        comments=rows[:, 1],
        values=rows[:, 2].astype(np.int8),
    )


def polis_export(*, conversation: Conversation, directory: Path) -> ExportSummary:
    """Write comments.csv, votes.csv, participants-votes.csv and summary.csv into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    events = vote_events(conversation)
    agrees = np.bincount(events.comments[events.values == 1], minlength=1)
    disagrees = np.bincount(events.comments[events.values == -1], minlength=1)

    def tally(counts: np.ndarray, number: int) -> int:
        return int(counts[number]) if number < len(counts) else 0

    statements = list(
        Statement.objects.filter(conversation=conversation)
        .select_related("author")
        .order_by("number")
    )
    comments = [
        _comment(
            statement,
            author=statement.author.number if statement.author else None,
            agrees=tally(agrees, statement.number),
            disagrees=tally(disagrees, statement.number),
        )
        for statement in statements
    ]
    polis.write_comments(directory / polis.COMMENTS, comments)
    polis.write_votes(directory / polis.VOTES, events)

    authored: dict[int, int] = {}
    for statement in statements:
        if statement.author is not None:
            authored[statement.author.number] = authored.get(statement.author.number, 0) + 1
    final = final_votes(conversation)
    _write_participants_and_summary(
        conversation, directory, final=final, authored=authored, comments=len(comments)
    )
    return ExportSummary(
        comments=len(comments), votes=len(events), participants=len(np.unique(final.voters))
    )


def public_polis_export(*, conversation: Conversation, directory: Path) -> ExportSummary:
    """Write the open-data export of a public conversation into `directory` (the same files)."""
    directory.mkdir(parents=True, exist_ok=True)
    statements = list(statements_public().filter(conversation=conversation))
    comments = [
        _comment(
            statement,
            author=None,
            agrees=statement.agree_count,
            disagrees=statement.disagree_count,
        )
        for statement in statements
    ]
    polis.write_comments(directory / polis.COMMENTS, comments)
    rows = np.array(
        [
            (_day_ms(updated_at), voter, statement, value)
            for voter, statement, value, updated_at in votes_public()
            .filter(conversation=conversation)
            .values_list("participant__number", "statement__number", "value", "updated_at")
        ],
        dtype=np.int64,
    ).reshape(-1, 4)
    votes = polis.PolisVotes(
        timestamps=rows[:, 0],
        voters=rows[:, 1],
        comments=rows[:, 2],
        values=rows[:, 3].astype(np.int8),
    )
    polis.write_votes(directory / polis.VOTES, votes)
    _write_participants_and_summary(
        conversation, directory, final=votes, authored={}, comments=len(comments)
    )
    return ExportSummary(
        comments=len(comments), votes=len(votes.values), participants=len(np.unique(votes.voters))
    )


def _comment(
    statement: Statement, *, author: int | None, agrees: int, disagrees: int
) -> polis.PolisComment:
    return polis.PolisComment(
        id=statement.number,
        body=statement.text,
        moderated=MODERATED[statement.status],
        timestamp_ms=_ms(statement.created_at),
        author=author,
        agrees=agrees,
        disagrees=disagrees,
        is_meta=statement.is_meta,
        is_seed=statement.is_seed,
    )


def _day_ms(moment: datetime.datetime) -> int:
    """The start of the moment's day (Paris time), in milliseconds: the votes dataset's precision."""
    day = timezone.localdate(moment)
    return _ms(timezone.make_aware(datetime.datetime.combine(day, datetime.time())))


def _write_participants_and_summary(
    conversation: Conversation,
    directory: Path,
    *,
    final: polis.PolisVotes,
    authored: dict[int, int],
    comments: int,
) -> None:
    """participants-votes.csv (with each voter's opinion group) and summary.csv."""
    number_of = dict(
        Participant.objects.filter(conversation=conversation).values_list("id", "number")
    )
    voters = {int(number) for number in np.unique(final.voters)}
    groups: dict[int, int] = {}
    positions = positions_get(conversation)
    if positions is not None:
        for participant_id, group in zip(
            positions.participants.tolist(), positions.groups.tolist(), strict=True
        ):
            number = number_of.get(participant_id)
            if group >= 0 and number in voters:
                groups[number] = group
    polis.write_participants_votes(
        directory / polis.PARTICIPANTS_VOTES, final=final, groups=groups, authored=authored
    )
    polis.write_summary(
        directory / polis.SUMMARY,
        {
            "topic": conversation.title,
            "url": absolute_url(conversation.get_absolute_url()),
            "voters": len(voters),
            "voters-in-conv": len(groups),
            "commenters": len(authored),
            "comments": comments,
            "groups": len(set(groups.values())),
            "conversation-description": conversation.description,
        },
    )
