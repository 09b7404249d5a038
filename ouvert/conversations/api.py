"""Conversations in the JSON API: read everything public, vote and propose as on the pages.

Votes and statements are sent by the participant's browser (session or participation cookie), so
they need the CSRF token, like the forms. The vote endpoint has no per-address rate limit: a
room of people behind one address votes together, and each participant has one vote per
statement anyway (sending it again changes nothing); creating anonymous participants is what is
limited per address.
"""

import datetime
from typing import Literal

import numpy as np
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import django_auth
from ninja.utils import check_csrf

from ouvert.conversations import participation, selectors, services
from ouvert.conversations.forms import VOTES
from ouvert.conversations.models import STATEMENT_MAX_LENGTH, Conversation, group_letter
from ouvert.core.http import absolute_url

router = Router(tags=["conversations"])

# Statement numbers are PositiveIntegerFields: larger numbers are no statement, not a database error.
NUMBER_MAX = 2_147_483_647


class ConversationOut(Schema):
    id: int
    slug: str
    title: str
    title_en: str
    description: str
    status: str
    plan: str | None
    commitment: str | None
    event: str | None
    statements_count: int
    participants_count: int
    votes_count: int
    url: str
    report_url: str | None
    updated_at: datetime.datetime

    @staticmethod
    def resolve_plan(conversation: Conversation) -> str | None:
        subject = conversation.public_subject
        return subject.slug if subject is not None and conversation.plan_id else None

    @staticmethod
    def resolve_commitment(conversation: Conversation) -> str | None:
        subject = conversation.public_subject
        return subject.reference if subject is not None and conversation.commitment_id else None

    @staticmethod
    def resolve_event(conversation: Conversation) -> str | None:
        subject = conversation.public_subject
        return subject.slug if subject is not None and conversation.event_id else None

    @staticmethod
    def resolve_url(conversation: Conversation) -> str:
        return absolute_url(conversation.get_absolute_url())

    @staticmethod
    def resolve_report_url(conversation: Conversation) -> str | None:
        if not conversation.report_is_published:
            return None
        return absolute_url(conversation.get_absolute_url() + "rapport/")


class StatementOut(Schema):
    number: int
    text: str
    is_seed: bool
    is_meta: bool
    created_at: datetime.datetime


class NextOut(Schema):
    statement: StatementOut | None
    voted: int
    remaining: int


class VoteIn(Schema):
    statement: int = Field(ge=0, le=NUMBER_MAX)
    vote: Literal["agree", "disagree", "pass"]


class VoteOut(Schema):
    statement: int
    vote: Literal["agree", "disagree", "pass"]
    created: bool
    changed: bool


class StatementIn(Schema):
    text: str = Field(max_length=STATEMENT_MAX_LENGTH * 4)


class ProposedOut(Schema):
    number: int
    status: str


class ModerationIn(Schema):
    status: Literal["accepted", "rejected", "pending"]
    is_meta: bool | None = None
    message: str = ""


class VoteCountsOut(Schema):
    agree: int
    disagree: int
    passes: int


class RepresentativeOut(Schema):
    statement: int
    agrees: bool
    percent: int


class GroupOut(Schema):
    label: str
    size: int
    representative: list[RepresentativeOut]


class StatementResultOut(Schema):
    number: int
    text: str
    overall: VoteCountsOut
    groups: list[VoteCountsOut]
    group_consensus: float


class ResultsOut(Schema):
    computed_at: datetime.datetime | None
    participants: int
    clustered: int
    votes: int
    groups: list[GroupOut]
    consensus_agree: list[int]
    consensus_disagree: list[int]
    statements: list[StatementResultOut]


def _conversation(request: HttpRequest, slug: str) -> Conversation:
    conversation = selectors.conversation_get(slug=slug, user=request.user)
    if conversation is None:
        raise HttpError(404, "Not found")
    return conversation


def _conversation_for_action(request: HttpRequest, slug: str) -> Conversation:
    conversation = selectors.conversation_for_action(slug=slug, user=request.user)
    if conversation is None:
        raise HttpError(404, "Not found")
    return conversation


def _csrf(request: HttpRequest) -> None:
    if check_csrf(request) is not None:
        raise HttpError(403, "CSRF token missing or incorrect.")


@router.get("/", response=list[ConversationOut], summary="Conversations, newest first")
@paginate
def list_conversations(request: HttpRequest):
    return selectors.conversations_visible(user=request.user)


@router.get("/{slug}", response=ConversationOut, summary="One conversation with its counts")
def get_conversation(request: HttpRequest, slug: str):
    return _conversation(request, slug)


@router.get(
    "/{slug}/statements",
    response=list[StatementOut],
    summary="The statements open to votes, by number",
)
@paginate
def list_statements(request: HttpRequest, slug: str):
    return selectors.statements_votable(_conversation(request, slug)).order_by("number")


@router.get(
    "/{slug}/next",
    response=NextOut,
    summary="The next statement for the participant (Pol.is routing priority); sets the CSRF cookie",
)
def next_statement(request: HttpRequest, slug: str, response: HttpResponse):
    conversation = _conversation(request, slug)
    participant = participation.current_participant(request, conversation)
    statement = None
    if request.user.has_perm("conversations.participate", conversation):
        statement = selectors.next_statement(
            conversation=conversation, participant=participant, rng=np.random.default_rng()
        )
    progress = selectors.participant_progress(conversation=conversation, participant=participant)
    get_token(request)  # the CSRF cookie the vote needs, for clients that start here
    participation.store_cookie(request, response)
    return {"statement": statement, "voted": progress.votes, "remaining": progress.remaining}


@router.post(
    "/{slug}/votes",
    response=VoteOut,
    summary="Vote on a statement (a new vote replaces the previous one)",
    throttle=[],
)
def cast_vote(request: HttpRequest, slug: str, payload: VoteIn):
    _csrf(request)
    conversation = _conversation_for_action(request, slug)
    if not request.user.has_perm("conversations.participate", conversation):
        raise HttpError(403, "This conversation does not take votes from you.")
    value = VOTES[payload.vote]
    try:
        participant = participation.participant_for_action(request, conversation)
        try:
            outcome = services.vote_cast(
                participant=participant, statement_number=payload.statement, value=value
            )
        except services.UnknownParticipant:
            participation.forget_participant(request, conversation)
            participant = participation.participant_for_action(request, conversation)
            outcome = services.vote_cast(
                participant=participant, statement_number=payload.statement, value=value
            )
    except services.ParticipationRefused as refusal:
        raise HttpError(422, str(refusal)) from refusal
    except participation.TooManyParticipants as error:
        raise HttpError(429, "Too many new participants from this address.") from error
    # The answer is built here rather than by django-ninja, which would check it against VoteOut
    # and render it: about 7 % of the Python time of a vote (tests check it against VoteOut).
    response = JsonResponse(
        {
            "statement": payload.statement,
            "vote": payload.vote,
            "created": outcome.created,
            "changed": outcome.changed,
        },
        content_type="application/json; charset=utf-8",  # as django-ninja's answers
    )
    return participation.store_cookie(request, response)


@router.post("/{slug}/statements", response={201: ProposedOut}, summary="Propose a statement")
def propose_statement(
    request: HttpRequest, slug: str, payload: StatementIn, response: HttpResponse
):
    _csrf(request)
    conversation = _conversation_for_action(request, slug)
    if not request.user.has_perm("conversations.propose_statement", conversation):
        raise HttpError(403, "This conversation does not take statements from you.")
    try:
        participant = participation.participant_for_action(request, conversation)
        statement = services.statement_submit(participant=participant, text=payload.text)
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    except services.ParticipationRefused as refusal:
        raise HttpError(422, str(refusal)) from refusal
    except participation.TooManyParticipants as error:
        raise HttpError(429, "Too many new participants from this address.") from error
    participation.store_cookie(request, response)
    return Status(201, {"number": statement.number, "status": statement.status})


@router.post(
    "/{slug}/statements/{number}/moderation",
    response=ProposedOut,
    auth=django_auth,
    summary="Accept or reject a statement (moderators)",
)
def moderate_statement(
    request: HttpRequest,
    slug: str,
    payload: ModerationIn,
    number: int = Path(..., ge=0, le=NUMBER_MAX),
):
    conversation = _conversation(request, slug)
    if not request.user.has_perm("conversations.moderate_conversation", conversation):
        raise HttpError(403, "Only the moderation may moderate statements.")
    statement = selectors.statement_get(conversation=conversation, number=number)
    if statement is None:
        raise HttpError(404, "Not found")
    services.statement_moderate(
        statement=statement,
        status=payload.status,
        is_meta=payload.is_meta,
        acting_user=request.user,
        message=payload.message,
    )
    return {"number": statement.number, "status": statement.status}


@router.get("/{slug}/results", response=ResultsOut, summary="The opinion map: groups, consensus")
def get_results(request: HttpRequest, slug: str):
    conversation = _conversation(request, slug)
    results = selectors.conversation_results(conversation)
    if results is None:
        return {
            "computed_at": None,
            "participants": 0,
            "clustered": 0,
            "votes": 0,
            "groups": [],
            "consensus_agree": [],
            "consensus_disagree": [],
            "statements": [],
        }

    def counts(shares):
        return {"agree": shares.agree, "disagree": shares.disagree, "passes": shares.passes}

    return {
        "computed_at": results.analysis.computed_at,
        "participants": results.participants,
        "clustered": results.clustered,
        "votes": results.votes,
        "groups": [
            {
                "label": group_letter(group.position),
                "size": group.size,
                "representative": [
                    {
                        "statement": entry.result.statement.number,
                        "agrees": entry.agrees,
                        "percent": entry.percent,
                    }
                    for entry in group.representative
                ],
            }
            for group in results.groups
        ],
        "consensus_agree": [r.statement.number for r in results.consensus_agree],
        "consensus_disagree": [r.statement.number for r in results.consensus_disagree],
        "statements": [
            {
                "number": r.statement.number,
                "text": r.statement.text,
                "overall": counts(r.overall),
                "groups": [counts(shares) for shares in r.groups],
                "group_consensus": r.group_consensus,
            }
            for r in sorted(results.statements, key=lambda r: r.statement.number)
        ],
    }
