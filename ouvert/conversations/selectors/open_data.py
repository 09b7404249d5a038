"""The rows of the conversations' open datasets, through core.publicity."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from ouvert.conversations.models import OpinionGroup, Statement, Vote
from ouvert.core.publicity import public


def groups_public() -> QuerySet[OpinionGroup]:
    return (
        public(OpinionGroup)
        .select_related("conversation")
        .order_by("conversation__slug", "position")
    )


def statements_public() -> QuerySet[Statement]:
    """Accepted statements of public conversations with their vote counts (the open-data rows)."""
    votes = Vote.objects.filter(statement=OuterRef("pk")).order_by().values("statement")

    def counted(value: int | None):
        selected = votes if value is None else votes.filter(value=value)
        return Coalesce(
            Subquery(selected.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
            0,
        )

    return (
        public(Statement)
        .select_related("conversation")
        .annotate(
            agree_count=counted(Vote.Value.AGREE),
            disagree_count=counted(Vote.Value.DISAGREE),
            pass_count=counted(Vote.Value.PASS),
        )
        .order_by("conversation__slug", "number")
    )


def votes_public() -> QuerySet[Vote]:
    """Anonymised votes: conversation, statement number, participant number, vote, day.

    Only on accepted statements of public conversations; never the account behind a vote.
    """
    return (
        public(Vote)
        .select_related("conversation", "statement", "participant")
        .order_by("conversation_id", "statement__number", "participant__number")
    )
