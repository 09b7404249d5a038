"""Participants: who takes part, the next statement to vote on, progress, personal data."""

from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet

from ouvert.conversations.models import Analysis, Conversation, Participant, Statement, Vote
from ouvert.conversations.results import default_priority
from ouvert.conversations.selectors.statements import statements_votable


def participant_for_user(*, conversation: Conversation, user) -> Participant | None:
    if not user.is_authenticated:
        return None
    return Participant.objects.filter(conversation=conversation, user=user).first()


def participant_by_id(*, conversation: Conversation, participant_id: int) -> Participant | None:
    return Participant.objects.filter(conversation=conversation, pk=participant_id).first()


def next_statement(
    *, conversation: Conversation, participant: Participant | None, rng: np.random.Generator
) -> Statement | None:
    """The statement to show next: drawn at random among those not voted on yet, with Pol.is's
    priority as weight (polis-spec §2.8), so that every statement gets enough votes to place it
    and the more divisive ones come first."""
    candidates = statements_votable(conversation)
    if participant is not None:
        candidates = candidates.exclude(votes__participant=participant)
    candidates = list(candidates.only("id", "number", "text", "is_seed", "is_meta"))
    if not candidates:
        return None
    priorities = (
        Analysis.objects.filter(pk=conversation.pk)
        .values_list("results__priorities", flat=True)
        .first()
    ) or {}
    fallback = default_priority()
    weights = np.array(
        [float(priorities.get(str(statement.pk), fallback)) for statement in candidates]
    )
    weights = np.where(np.isfinite(weights) & (weights > 0), weights, fallback)
    return candidates[int(rng.choice(len(candidates), p=weights / weights.sum()))]


@dataclass(frozen=True)
class Progress:
    votes: int
    votable: int

    @property
    def remaining(self) -> int:
        return max(self.votable - self.votes, 0)


def participant_progress(
    *, conversation: Conversation, participant: Participant | None
) -> Progress:
    votable = statements_votable(conversation)
    voted = 0
    if participant is not None:
        voted = Vote.objects.filter(participant=participant, statement__in=votable).count()
    return Progress(votes=voted, votable=votable.count())


def participations_of(user) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(user=user)
        .select_related("conversation")
        .prefetch_related("votes__statement", "statements", "vote_changes__statement")
        .order_by("created_at")
    )
