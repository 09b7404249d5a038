"""Reads of conversations: lists, the next statement to vote on, results, open data, exports."""

from ouvert.conversations.selectors.conversations import (
    ACTION_CACHE_SECONDS,
    _action_rows,
    conversation_for_action,
    conversation_get,
    conversations_public,
    conversations_visible,
)
from ouvert.conversations.selectors.open_data import groups_public, statements_public, votes_public
from ouvert.conversations.selectors.participants import (
    Progress,
    next_statement,
    participant_by_id,
    participant_for_user,
    participant_progress,
    participations_of,
)
from ouvert.conversations.selectors.results import (
    GroupResult,
    Representative,
    Results,
    Standing,
    StatementResult,
    VoteShares,
    analysis_get,
    conversation_results,
    participant_standing,
    positions_get,
)
from ouvert.conversations.selectors.statements import (
    statement_get,
    statement_is_votable,
    statements_all,
    statements_by_participant,
    statements_for_analysis,
    statements_to_moderate,
    statements_votable,
)
from ouvert.conversations.selectors.votes import VoteArrays, vote_arrays, vote_fingerprint

__all__ = [
    "ACTION_CACHE_SECONDS",
    "GroupResult",
    "Progress",
    "Representative",
    "Results",
    "Standing",
    "StatementResult",
    "VoteArrays",
    "VoteShares",
    "_action_rows",
    "analysis_get",
    "conversation_for_action",
    "conversation_get",
    "conversation_results",
    "conversations_public",
    "conversations_visible",
    "groups_public",
    "next_statement",
    "participant_by_id",
    "participant_for_user",
    "participant_progress",
    "participant_standing",
    "participations_of",
    "positions_get",
    "statement_get",
    "statement_is_votable",
    "statements_all",
    "statements_by_participant",
    "statements_for_analysis",
    "statements_public",
    "statements_to_moderate",
    "statements_votable",
    "vote_arrays",
    "vote_fingerprint",
    "votes_public",
]
