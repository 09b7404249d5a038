import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.security import django_auth

from ouvert.actors.models import Actor
from ouvert.core.api import MAX_ID, validation_error
from ouvert.core.http import absolute_url
from ouvert.plans.models import ActionPlan, Commitment, Evidence, Milestone, ProgressUpdate
from ouvert.plans.selectors import commitment_get, commitments_filtered, plan_get, plans_visible
from ouvert.plans.selectors.commitments import CommitmentFilters, progress_percent
from ouvert.plans.services import EvidenceData, progress_update_post

router = Router(tags=["plans"])


class PhaseOut(Schema):
    id: int
    kind: str
    name: str
    description: str
    starts_on: datetime.date
    ends_on: datetime.date


class PlanOut(Schema):
    id: int
    slug: str
    title: str
    title_en: str
    summary: str
    status: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    ogp_url: str
    url: str
    updated_at: datetime.datetime
    phases: list[PhaseOut]

    @staticmethod
    def resolve_url(plan: ActionPlan) -> str:
        return absolute_url(plan.get_absolute_url())


@router.get("/", response=list[PlanOut], summary="Action plans, newest first")
@paginate
def list_plans(request: HttpRequest):
    return plans_visible(user=request.user)


@router.get("/{slug}", response=PlanOut, summary="One action plan with its phases")
def get_plan(request: HttpRequest, slug: str):
    plan = plan_get(slug=slug, user=request.user)
    if plan is None:
        raise HttpError(404, "Not found")
    return plan


commitments_router = Router(tags=["commitments"])


class ActorRef(Schema):
    id: int
    name: str
    kind: str


class MilestoneOut(Schema):
    id: int
    reference: str
    title: str
    deliverable: str
    starts_on: datetime.date | None
    ends_on: datetime.date
    weight: int
    status: str
    completed_on: datetime.date | None
    late: bool

    @staticmethod
    def resolve_late(milestone: Milestone) -> bool:
        return milestone.is_late()


class CommitmentOut(Schema):
    id: int
    reference: str
    ogp_id: str
    plan: str
    number: int | None
    title: str
    title_en: str
    theme: str
    ogp_values: list[str]
    lead_institution: ActorRef | None
    implementation_status: str
    progress: int | None
    url: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_plan(commitment: Commitment) -> str:
        return commitment.plan.slug

    @staticmethod
    def resolve_progress(commitment: Commitment) -> int | None:
        return progress_percent(commitment)

    @staticmethod
    def resolve_url(commitment: Commitment) -> str:
        return absolute_url(commitment.get_absolute_url())


class EvidenceOut(Schema):
    title: str
    url: str

    @staticmethod
    def resolve_url(evidence: Evidence) -> str:
        url = evidence.get_absolute_url()
        return url if url.startswith("http") else absolute_url(url)


class UpdateOut(Schema):
    id: int
    published_at: datetime.datetime
    milestone: str | None
    institution: str
    signed_by: str
    text: str
    new_status: str
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_milestone(update: ProgressUpdate) -> str | None:
        return update.milestone.reference if update.milestone else None

    @staticmethod
    def resolve_institution(update: ProgressUpdate) -> str:
        return update.institution.name

    @staticmethod
    def resolve_signed_by(update: ProgressUpdate) -> str:
        return update.author.public_name

    @staticmethod
    def resolve_evidence(update: ProgressUpdate) -> list[Evidence]:
        return list(update.evidence.all())


class CommitmentDetailOut(CommitmentOut):
    problem: str
    description: str
    objectives: str
    ambition: str
    contact: str
    links: list[dict[str, str]]
    policy_areas: list[str]
    supporting_institutions: list[ActorRef]
    milestones: list[MilestoneOut]
    updates: list[UpdateOut]

    @staticmethod
    def resolve_policy_areas(commitment: Commitment) -> list[str]:
        return [area.name for area in commitment.policy_areas.all()]

    @staticmethod
    def resolve_supporting_institutions(commitment: Commitment) -> list[Actor]:
        return list(commitment.supporting_institutions.all())

    @staticmethod
    def resolve_milestones(commitment: Commitment) -> list[Milestone]:
        return list(commitment.milestones.all())

    @staticmethod
    def resolve_updates(commitment: Commitment) -> list[ProgressUpdate]:
        return list(commitment.updates.all())


class CommitmentQuery(Schema):
    plan: str = ""
    theme: str = ""
    institution: int | None = Field(None, ge=1, le=MAX_ID)
    status: str = ""
    ogp_value: str = ""
    q: str = ""


class EvidenceIn(Schema):
    title: str
    url: str


class UpdateIn(Schema):
    """A progress update: the institution you report for (its id), the text, optionally a milestone
    (its reference) and its new status, and evidence links."""

    institution: int = Field(ge=1, le=MAX_ID)
    text: str
    milestone: str | None = None
    new_status: str = ""
    evidence: list[EvidenceIn] = []


def _visible_commitment(request: HttpRequest, reference: str) -> Commitment:
    commitment = commitment_get(reference=reference, user=request.user)
    if commitment is None or not request.user.has_perm("plans.view_commitment", commitment):
        raise HttpError(404, "Not found")
    return commitment


@commitments_router.get("/", response=list[CommitmentOut], summary="Commitments, with filters")
@paginate
def list_commitments(request: HttpRequest, filters: Query[CommitmentQuery]):
    return commitments_filtered(
        user=request.user,
        filters=CommitmentFilters(
            plan=filters.plan,
            theme=filters.theme,
            institution=filters.institution,
            status=filters.status,
            ogp_value=filters.ogp_value,
            query=filters.q,
        ),
    )


@commitments_router.get(
    "/{reference}",
    response=CommitmentDetailOut,
    summary="One commitment with its milestones and updates",
)
def get_commitment(request: HttpRequest, reference: str):
    return _visible_commitment(request, reference)


@commitments_router.post(
    "/{reference}/updates",
    response={201: UpdateOut},
    auth=django_auth,
    summary="Publish a progress update (public agents)",
)
def post_update(request: HttpRequest, reference: str, payload: UpdateIn):
    commitment = _visible_commitment(request, reference)
    if not request.user.has_perm("plans.post_progress_update", commitment):
        raise HttpError(403, "Only public agents may report progress.")
    institution = Actor.objects.filter(pk=payload.institution).first()
    milestone = (
        commitment.milestones.filter(reference=payload.milestone).first()
        if payload.milestone
        else None
    )
    if institution is None or (payload.milestone and milestone is None):
        raise HttpError(422, "Unknown institution or milestone.")
    try:
        update = progress_update_post(
            acting_user=request.user,
            commitment=commitment,
            institution=institution,
            text=payload.text,
            milestone=milestone,
            new_status=payload.new_status,
            evidence=[EvidenceData(title=item.title, url=item.url) for item in payload.evidence],
        )
    except ValidationError as error:
        raise validation_error(error) from error
    return Status(201, update)
