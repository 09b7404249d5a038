"""Statements: those open to votes, to moderate, by participant, and for the analysis."""

import numpy as np
from django.db.models import Q, QuerySet

from ouvert.conversations.models import Conversation, Participant, Statement
from ouvert.conversations.results import StatementsInfo


def _votable() -> Q:
    return Q(status=Statement.Status.ACCEPTED) | Q(
        status=Statement.Status.PENDING, conversation__strict_moderation=False
    )


def statement_is_votable(statement: Statement) -> bool:
    if statement.status == Statement.Status.ACCEPTED:
        return True
    return statement.status == Statement.Status.PENDING and not (
        statement.conversation.strict_moderation
    )


def statements_votable(conversation: Conversation) -> QuerySet[Statement]:
    return Statement.objects.filter(_votable(), conversation=conversation)


def statement_get(*, conversation: Conversation, number: int) -> Statement | None:
    return Statement.objects.filter(conversation=conversation, number=number).first()


def statements_to_moderate(conversation: Conversation) -> QuerySet[Statement]:
    return Statement.objects.filter(
        conversation=conversation, status=Statement.Status.PENDING
    ).order_by("created_at", "number")


def statements_all(conversation: Conversation) -> QuerySet[Statement]:
    return Statement.objects.filter(conversation=conversation).order_by("number")


def statements_by_participant(participant: Participant | None) -> QuerySet[Statement]:
    if participant is None:
        return Statement.objects.none()
    return Statement.objects.filter(author=participant).order_by("-created_at")


def statements_for_analysis(conversation_id: int) -> StatementsInfo:
    rows = list(
        Statement.objects.filter(conversation_id=conversation_id)
        .order_by("id")
        .values_list("id", "status", "is_meta", "conversation__strict_moderation")
    )
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    status = np.array([row[1] for row in rows], dtype=object)
    meta = np.array([row[2] for row in rows], dtype=bool)
    strict = bool(rows[0][3]) if rows else True
    accepted = status == Statement.Status.ACCEPTED
    pending = status == Statement.Status.PENDING
    routable = accepted | (pending & (not strict))
    # Out of the math: rejected and meta statements (Pol.is's mod-out), and, under strict
    # moderation, statements still waiting (they are not part of the conversation yet).
    excluded = ~routable | meta
    return StatementsInfo(ids=ids, routable=routable, meta=meta, moderated_out=ids[excluded])
