"""A conversation in Pol.is's export format (comments.csv, votes.csv, participants-votes.csv).

For the moderation and for moving to or from Pol.is: statements of every status, every vote event
(replaced votes included), participants by their number in the conversation, never an account.
Votes are written with the sign of Pol.is's exports (agree = 1), the inverse of Pol.is's own
database sign (see polis.py).
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ouvert.conversations import polis
from ouvert.conversations.models import Conversation, Participant, Statement, Vote, VoteChange
from ouvert.conversations.selectors import positions_get
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
        polis.PolisComment(
            id=statement.number,
            body=statement.text,
            moderated=MODERATED[statement.status],
            timestamp_ms=_ms(statement.created_at),
            author=statement.author.number if statement.author else None,
            agrees=tally(agrees, statement.number),
            disagrees=tally(disagrees, statement.number),
            is_meta=statement.is_meta,
            is_seed=statement.is_seed,
        )
        for statement in statements
    ]
    polis.write_comments(directory / polis.COMMENTS, comments)
    polis.write_votes(directory / polis.VOTES, events)

    number_of = dict(
        Participant.objects.filter(conversation=conversation).values_list("id", "number")
    )
    groups: dict[int, int] = {}
    positions = positions_get(conversation)
    if positions is not None:
        for participant_id, group in zip(
            positions.participants.tolist(), positions.groups.tolist(), strict=True
        ):
            if group >= 0 and participant_id in number_of:
                groups[number_of[participant_id]] = group
    authored: dict[int, int] = {}
    for statement in statements:
        if statement.author is not None:
            authored[statement.author.number] = authored.get(statement.author.number, 0) + 1
    final = final_votes(conversation)
    polis.write_participants_votes(
        directory / polis.PARTICIPANTS_VOTES, final=final, groups=groups, authored=authored
    )
    voters = len(np.unique(final.voters))
    polis.write_summary(
        directory / polis.SUMMARY,
        {
            "topic": conversation.title,
            "url": absolute_url(conversation.get_absolute_url()),
            "voters": voters,
            "voters-in-conv": len(groups),
            "commenters": len(authored),
            "comments": len(comments),
            "groups": len(set(groups.values())),
            "conversation-description": conversation.description,
        },
    )
    return ExportSummary(comments=len(comments), votes=len(events), participants=voters)
