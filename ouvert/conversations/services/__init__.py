"""Writes of conversations: statements, moderation, votes, the opinion map, the report.

Changes to the public record (moderation decisions, seed statements, opening and closing, the
report) take `acting_user=` and write their history row in the same transaction. Votes are the
hot path: on PostgreSQL a first vote and its request for a new analysis are one SQL statement;
the analysis itself runs in the background worker (`tasks.analyse_conversation`), at most one
pending task per conversation however many votes arrive.
"""

from ouvert.conversations.services.analyses import (
    ANALYSIS_LEASE,
    AnalysisOutcome,
    analysis_request,
    analysis_request_unstick,
    analysis_update,
)
from ouvert.conversations.services.conversations import (
    conversation_set_status,
    conversation_upsert,
    report_publish,
    report_unpublish,
)
from ouvert.conversations.services.imports import polis_import
from ouvert.conversations.services.participants import (
    ParticipationRefused,
    UnknownParticipant,
    participant_claim,
    participant_create,
)
from ouvert.conversations.services.statements import (
    statement_moderate,
    statement_seed,
    statement_submit,
)
from ouvert.conversations.services.votes import VoteOutcome, vote_cast

__all__ = [
    "ANALYSIS_LEASE",
    "AnalysisOutcome",
    "ParticipationRefused",
    "UnknownParticipant",
    "VoteOutcome",
    "analysis_request",
    "analysis_request_unstick",
    "analysis_update",
    "conversation_set_status",
    "conversation_upsert",
    "participant_claim",
    "participant_create",
    "polis_import",
    "report_publish",
    "report_unpublish",
    "statement_moderate",
    "statement_seed",
    "statement_submit",
    "vote_cast",
]
