"""Conversations: lists with their counts, one conversation, the light read of the vote endpoint."""

import time

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce

from ouvert.conversations.models import Conversation, Participant, Statement, Vote
from ouvert.core.publicity import public
from ouvert.participation.models import Event
from ouvert.plans.models import ActionPlan, Commitment


def _count(model, field: str = "conversation") -> Subquery:
    return Coalesce(
        Subquery(
            model.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _with_counts(conversations: QuerySet[Conversation]) -> QuerySet[Conversation]:
    """Conversations with their subject (and whether it is public) and their counts, in a
    constant number of queries."""
    return conversations.select_related("plan", "commitment", "event").annotate(
        subject_is_public=Case(
            When(
                plan__isnull=False,
                then=Exists(public(ActionPlan).filter(pk=OuterRef("plan_id"))),
            ),
            When(
                commitment__isnull=False,
                then=Exists(public(Commitment).filter(pk=OuterRef("commitment_id"))),
            ),
            default=Exists(public(Event).filter(pk=OuterRef("event_id"))),
            output_field=BooleanField(),
        ),
        statements_count=Coalesce(
            Subquery(
                Statement.objects.filter(
                    conversation=OuterRef("pk"), status=Statement.Status.ACCEPTED
                )
                .order_by()
                .values("conversation")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
        participants_count=_count(Participant),
        votes_count=_count(Vote),
    )


def conversations_public() -> QuerySet[Conversation]:
    """Open and closed conversations, newest first (the open-data rows)."""
    return _with_counts(public(Conversation)).order_by("-created_at", "-id")


def conversations_about(*, subject, user) -> QuerySet[Conversation]:
    """The conversations `user` may see on a plan, a commitment or an event."""
    field = {ActionPlan: "plan", Commitment: "commitment", Event: "event"}[type(subject)]
    return conversations_visible(user=user).filter(**{field: subject})


def conversations_visible(*, user) -> QuerySet[Conversation]:
    """What `user` may see: open and closed conversations, drafts too for the moderation."""
    if user.has_perm("conversations.view_draft_conversation"):
        return _with_counts(Conversation.objects.all()).order_by("-created_at", "-id")
    return conversations_public()


def conversation_get(*, slug: str, user) -> Conversation | None:
    conversation = conversations_visible(user=user).filter(slug=slug).first()
    if conversation is None or not user.has_perm("conversations.view_conversation", conversation):
        return None
    return conversation


_ACTION_FIELDS = (
    "id",
    "slug",
    "plan_id",
    "status",
    "strict_moderation",
    "accepts_statements",
    "anonymous_participation",
)


# slug -> (read at, row): the vote endpoint's conversation, per process, for ACTION_CACHE_SECONDS.
_action_rows: dict[str, tuple[float, tuple]] = {}
ACTION_CACHE_SECONDS = 2.0


def conversation_for_action(*, slug: str, user, fresh: bool = False) -> Conversation | None:
    """The conversation a vote or a statement is sent to, with the few fields participation
    needs.

    The vote endpoint reads it on every vote: from a per-process copy at most two seconds old
    (`fresh` bypasses it). That is safe because the vote's own SQL checks, in the database, that
    the conversation is open and the statement votable: a conversation closed a second ago turns
    the vote down all the same.
    """
    now = time.monotonic()
    cached = None if fresh else _action_rows.get(slug)
    if cached is not None and now - cached[0] < ACTION_CACHE_SECONDS:
        row = cached[1]
    else:
        columns = ", ".join(_ACTION_FIELDS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM {Conversation._meta.db_table} WHERE slug = %s",  # noqa: S608
                [slug],
            )
            row = cursor.fetchone()
        if row is None:
            _action_rows.pop(slug, None)
            return None
        if len(_action_rows) > 1000:
            _action_rows.clear()
        _action_rows[slug] = (now, row)
    conversation = Conversation.from_db(connection.alias, _ACTION_FIELDS, row)
    if not user.has_perm("conversations.view_conversation", conversation):
        return None
    return conversation
