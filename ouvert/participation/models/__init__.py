"""Models of participation: events and registrations, proposals and their answers, comments."""

from ouvert.participation.models.comments import Comment, CommentReport
from ouvert.participation.models.events import (
    Event,
    EventDocument,
    EventFormat,
    EventKind,
    EventSeries,
    Registration,
)
from ouvert.participation.models.proposals import Answer, Proposal, ProposalCall, Support

__all__ = [
    "Answer",
    "Comment",
    "CommentReport",
    "Event",
    "EventDocument",
    "EventFormat",
    "EventKind",
    "EventSeries",
    "Proposal",
    "ProposalCall",
    "Registration",
    "Support",
]
