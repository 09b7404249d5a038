"""The participation API: events and proposals read by everyone; registering, supporting and
proposing for signed-in people (session and CSRF token), answering for public agents."""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.security import django_auth

from ouvert.core.api import validation_error
from ouvert.core.http import absolute_url
from ouvert.core.publicity import public
from ouvert.participation import selectors, services
from ouvert.participation.models import Event, Proposal, ProposalCall, Registration
from ouvert.plans.models import Commitment

events_router = Router(tags=["events"])
proposals_router = Router(tags=["proposals"])


class EventOut(Schema):
    """An event as the public sees it: never the online link nor who registered."""

    id: int
    slug: str
    title: str
    title_en: str
    kind: str
    format: str
    status: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    series: str | None
    plan: str | None
    venue: str
    address: str
    capacity: int | None
    seats_left: int | None
    registration_open: bool
    minutes: str
    video_url: str
    url: str

    @staticmethod
    def resolve_series(event: Event) -> str | None:
        return event.series.slug if event.series_id else None

    @staticmethod
    def resolve_plan(event: Event) -> str | None:
        return event.plan.slug if event.plan_id else None

    @staticmethod
    def resolve_seats_left(event: Event) -> int | None:
        return None if event.capacity is None else max(event.capacity - event.confirmed_count, 0)

    @staticmethod
    def resolve_registration_open(event: Event) -> bool:
        return event.registration_is_open()

    @staticmethod
    def resolve_url(event: Event) -> str:
        return absolute_url(event.get_absolute_url())


class EventQuery(Schema):
    kind: str = ""
    format: str = ""
    plan: str = ""
    series: str = ""
    upcoming: bool | None = None


class RegistrationOut(Schema):
    event: str
    status: str
    waitlist_position: int | None
    online_url: str | None

    @staticmethod
    def resolve_event(registration: Registration) -> str:
        return registration.event.slug

    @staticmethod
    def resolve_waitlist_position(registration: Registration) -> int | None:
        if registration.status != Registration.Status.WAITLISTED:
            return None
        return selectors.waitlist_position(registration)

    @staticmethod
    def resolve_online_url(registration: Registration) -> str | None:
        # Revealed to the registrant only, once they hold a seat.
        if registration.status == Registration.Status.CONFIRMED:
            return registration.event.online_url or None
        return None


def _visible_event(request: HttpRequest, slug: str) -> Event:
    event = selectors.event_get(slug=slug, user=request.user)
    if event is None or not request.user.has_perm("participation.view_event", event):
        raise HttpError(404, "Not found")
    return event


@events_router.get("/", response=list[EventOut], summary="Events, in chronological order")
@paginate
def list_events(request: HttpRequest, filters: Query[EventQuery]):
    return selectors.events_filtered(
        user=request.user,
        filters=selectors.EventFilters(
            kind=filters.kind, format=filters.format, plan=filters.plan, series=filters.series
        ),
        upcoming=filters.upcoming,
    )


@events_router.get("/{slug}", response=EventOut, summary="One event")
def get_event(request: HttpRequest, slug: str):
    return _visible_event(request, slug)


@events_router.post(
    "/{slug}/registration",
    response={201: RegistrationOut},
    auth=django_auth,
    summary="Register (a seat, or the waitlist when the event is full)",
)
def register(request: HttpRequest, slug: str):
    event = _visible_event(request, slug)
    if not request.user.has_perm("participation.register_event", event):
        raise HttpError(403, "Sign in to register.")
    try:
        registration = services.registration_create(acting_user=request.user, event=event)
    except ValidationError as error:
        raise validation_error(error) from error
    return Status(201, registration)


@events_router.delete(
    "/{slug}/registration", response={204: None}, auth=django_auth, summary="Cancel my registration"
)
def unregister(request: HttpRequest, slug: str):
    event = _visible_event(request, slug)
    services.registration_cancel(acting_user=request.user, event=event)
    return Status(204, None)


class AnswerOut(Schema):
    status: str
    text: str
    merged_into: str | None
    institution: str | None
    first_answered_at: datetime.datetime
    updated_at: datetime.datetime


class ProposalOut(Schema):
    id: int
    plan: str
    kind: str
    title: str
    body: str
    signed_by: str
    institution: str | None
    amended_commitment: str | None
    published_at: datetime.datetime | None
    supports: int
    answer: AnswerOut | None
    url: str

    @staticmethod
    def resolve_plan(proposal: Proposal) -> str:
        return proposal.call.phase.plan.slug

    @staticmethod
    def resolve_signed_by(proposal: Proposal) -> str:
        return proposal.signature

    @staticmethod
    def resolve_institution(proposal: Proposal) -> str | None:
        return proposal.institution.name if proposal.institution_id else None

    @staticmethod
    def resolve_amended_commitment(proposal: Proposal) -> str | None:
        return proposal.amended_commitment.reference if proposal.amended_commitment_id else None

    @staticmethod
    def resolve_supports(proposal: Proposal) -> int:
        return proposal.supports_count

    @staticmethod
    def resolve_answer(proposal: Proposal) -> dict | None:
        answer = getattr(proposal, "answer", None)
        if answer is None:
            return None
        return {
            "status": answer.status,
            "text": answer.text,
            "merged_into": answer.merged_into.reference if answer.merged_into_id else None,
            "institution": answer.institution.name if answer.institution_id else None,
            "first_answered_at": answer.first_answered_at,
            "updated_at": answer.updated_at,
        }

    @staticmethod
    def resolve_url(proposal: Proposal) -> str:
        return absolute_url(proposal.get_absolute_url())


class ProposalQuery(Schema):
    plan: str = ""
    kind: str = ""
    answer: str = ""


class ProposalIn(Schema):
    """A proposal to an open call (its id); `amended_commitment` is a commitment reference."""

    call: int
    kind: str
    title: str
    body: str
    amended_commitment: str | None = None


class SupportOut(Schema):
    supported: bool
    supports: int


class AnswerIn(Schema):
    status: str
    text: str
    text_en: str = ""
    merged_into: str | None = None


def _visible_proposal(request: HttpRequest, pk: int) -> Proposal:
    proposal = selectors.proposal_get(pk=pk)
    if proposal is None or not request.user.has_perm("participation.view_proposal", proposal):
        raise HttpError(404, "Not found")
    return proposal


@proposals_router.get("/", response=list[ProposalOut], summary="Published proposals, newest first")
@paginate
def list_proposals(request: HttpRequest, filters: Query[ProposalQuery]):
    return selectors.proposals_filtered(
        filters=selectors.ProposalFilters(
            plan=filters.plan, kind=filters.kind, answer=filters.answer
        )
    )


@proposals_router.get("/{pk}", response=ProposalOut, summary="One proposal with its answer")
def get_proposal(request: HttpRequest, pk: int):
    return _visible_proposal(request, pk)


@proposals_router.post(
    "/",
    response={201: ProposalOut},
    auth=django_auth,
    summary="Submit a proposal (published after moderation)",
)
def submit_proposal(request: HttpRequest, payload: ProposalIn):
    if not request.user.has_perm("participation.add_proposal"):
        raise HttpError(403, "Sign in to propose.")
    call = ProposalCall.objects.select_related("phase").filter(pk=payload.call).first()
    commitment = (
        Commitment.objects.filter(reference=payload.amended_commitment).first()
        if payload.amended_commitment
        else None
    )
    if call is None or (payload.amended_commitment and commitment is None):
        raise HttpError(422, "Unknown call or commitment.")
    try:
        proposal = services.proposal_submit(
            acting_user=request.user,
            call=call,
            kind=payload.kind,
            title=payload.title,
            body=payload.body,
            amended_commitment=commitment,
        )
    except ValidationError as error:
        raise validation_error(error) from error
    return Status(201, selectors.proposal_get(pk=proposal.pk))


def _set_support(request: HttpRequest, pk: int, supporting: bool) -> dict:
    proposal = _visible_proposal(request, pk)
    if not request.user.has_perm("participation.support_proposal", proposal):
        raise HttpError(403, "Sign in to support.")
    try:
        count = services.support_set(
            acting_user=request.user, proposal=proposal, supporting=supporting
        )
    except ValidationError as error:
        raise validation_error(error) from error
    return {"supported": supporting, "supports": count}


@proposals_router.put(
    "/{pk}/support", response=SupportOut, auth=django_auth, summary="Support (once per person)"
)
def support(request: HttpRequest, pk: int):
    return _set_support(request, pk, True)


@proposals_router.delete(
    "/{pk}/support", response=SupportOut, auth=django_auth, summary="Withdraw my support"
)
def unsupport(request: HttpRequest, pk: int):
    return _set_support(request, pk, False)


@proposals_router.put(
    "/{pk}/answer", response=ProposalOut, auth=django_auth, summary="Answer (public agents)"
)
def answer(request: HttpRequest, pk: int, payload: AnswerIn):
    proposal = _visible_proposal(request, pk)
    if not request.user.has_perm("participation.answer_proposal", proposal):
        raise HttpError(403, "Only public agents answer proposals.")
    merged_into = (
        public(Commitment).filter(reference=payload.merged_into).first()
        if payload.merged_into
        else None
    )
    try:
        services.answer_save(
            acting_user=request.user,
            proposal=proposal,
            status=payload.status,
            text=payload.text,
            text_en=payload.text_en,
            merged_into=merged_into,
        )
    except ValidationError as error:
        raise validation_error(error) from error
    return selectors.proposal_get(pk=pk)
