"""Reads of commitments and their follow-up: lists with filters, one commitment, feeds, open data."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ouvert.core.publicity import public
from ouvert.core.text import search_terms
from ouvert.plans.models import (
    Commitment,
    Evaluation,
    Evidence,
    ImplementationStatus,
    Milestone,
    PartnerAssessment,
    ProgressUpdate,
)

OPEN_STATUSES = (Milestone.Status.NOT_STARTED, Milestone.Status.IN_PROGRESS)


def _milestone_total(condition: Q, field: str = "weight"):
    """A per-commitment subquery summing `field` over its milestones matching `condition`."""
    milestones = (
        Milestone.objects.filter(condition, commitment=OuterRef("pk"))
        .order_by()
        .values("commitment")
        .annotate(total=Sum(field) if field != "pk" else Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(milestones, output_field=IntegerField()), Value(0))


def with_progress(
    commitments: QuerySet[Commitment], today: datetime.date | None = None
) -> QuerySet[Commitment]:
    """Annotate each commitment with its weighted progress and implementation status.

    Progress = weight of completed milestones / weight of milestones not abandoned. A commitment
    is late when one of its open milestones is past its planned end, completed when every milestone
    not abandoned is completed. Subqueries, not joins, so that filters on other relations never
    multiply the sums.
    """
    today = today or timezone.localdate()
    annotated = commitments.annotate(
        weight_total=_milestone_total(~Q(status=Milestone.Status.ABANDONED)),
        weight_done=_milestone_total(Q(status=Milestone.Status.COMPLETED)),
        milestones_open=_milestone_total(Q(status__in=OPEN_STATUSES), "pk"),
        milestones_late=_milestone_total(Q(status__in=OPEN_STATUSES, ends_on__lt=today), "pk"),
        milestones_started=_milestone_total(
            Q(status__in=(Milestone.Status.IN_PROGRESS, Milestone.Status.COMPLETED)), "pk"
        ),
    )
    return annotated.annotate(
        implementation_status=Case(
            When(withdrawn=True, then=Value(ImplementationStatus.WITHDRAWN)),
            When(milestones_late__gt=0, then=Value(ImplementationStatus.LATE)),
            When(weight_total__gt=0, milestones_open=0, then=Value(ImplementationStatus.COMPLETED)),
            When(milestones_started__gt=0, then=Value(ImplementationStatus.IN_PROGRESS)),
            default=Value(ImplementationStatus.NOT_STARTED),
        )
    )


def progress_percent(commitment: Commitment) -> int | None:
    """The weighted progress of an annotated commitment, in percent, or None without milestones."""
    if not commitment.weight_total:
        return None
    return round(100 * commitment.weight_done / commitment.weight_total)


def commitments_public() -> QuerySet[Commitment]:
    """Published commitments of published plans, in plan order."""
    return public(Commitment).order_by("plan__slug", "number", "reference")


def commitments_visible(*, user) -> QuerySet[Commitment]:
    """The commitments `user` may see: published ones, and drafts for public agents."""
    if user.has_perm("plans.view_draft_commitment"):
        return Commitment.objects.order_by("plan__slug", "number", "reference")
    return commitments_public()


def commitments_involving(*, actor_id: int, user) -> QuerySet[Commitment]:
    """The commitments visible to `user` that the actor leads or supports, newest plan first.

    Each carries `is_lead`: whether the actor is its lead institution (else a partner).
    """
    partnered = Commitment.supporting_institutions.through.objects.filter(actor_id=actor_id)
    return (
        commitments_visible(user=user)
        .filter(Q(lead_institution_id=actor_id) | Q(pk__in=partnered.values("commitment_id")))
        .annotate(
            is_lead=Case(
                When(lead_institution_id=actor_id, then=Value(True)),
                default=Value(False),
            )
        )
        .select_related("plan")
        .order_by("-plan__slug", "number", "reference")
    )


@dataclass(frozen=True)
class CommitmentFilters:
    plan: str = ""
    theme: str = ""
    institution: int | None = None
    status: str = ""
    ogp_value: str = ""
    query: str = ""


def commitments_filtered(*, user, filters: CommitmentFilters) -> QuerySet[Commitment]:
    """The list page's commitments: visible to `user`, filtered, with what the list shows joined."""
    commitments = commitments_visible(user=user)
    if filters.plan:
        commitments = commitments.filter(plan__slug=filters.plan)
    if filters.theme:
        commitments = commitments.filter(theme=filters.theme)
    if filters.institution:
        commitments = commitments.filter(
            Q(lead_institution_id=filters.institution)
            | Q(
                pk__in=Commitment.supporting_institutions.through.objects.filter(
                    actor_id=filters.institution
                ).values("commitment_id")
            )
        )
    if filters.ogp_value:
        # The values are stored as a JSON list of codes; a code is a whole quoted word in it.
        commitments = commitments.filter(ogp_values__icontains=f'"{filters.ogp_value}"')
    for term in search_terms(filters.query):
        commitments = commitments.filter(search_text__contains=term)
    commitments = with_progress(commitments)
    if filters.status:
        commitments = commitments.filter(implementation_status=filters.status)
    return commitments.select_related("plan", "lead_institution")


def commitment_get(*, reference: str, user) -> Commitment | None:
    """One commitment with everything its page shows, or None if `user` may not see it."""
    updates = ProgressUpdate.objects.select_related(
        "author", "institution", "milestone"
    ).prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("id")))
    assessments = PartnerAssessment.objects.select_related("partner", "author")
    milestones = Milestone.objects.order_by("ends_on", "id").prefetch_related(
        Prefetch("assessments", queryset=assessments)
    )
    return (
        with_progress(commitments_visible(user=user))
        .filter(reference=reference)
        .select_related("plan", "lead_institution", "evaluation")
        .prefetch_related(
            "policy_areas",
            "supporting_institutions",
            Prefetch("milestones", queryset=milestones),
            Prefetch("updates", queryset=updates),
        )
        .first()
    )


def institutions_with_commitments() -> QuerySet:
    """Actors that lead or support a published commitment, for the list's filter."""
    from ouvert.actors.models import Actor

    published = commitments_public()
    return (
        Actor.objects.filter(
            Q(led_commitments__in=published) | Q(supported_commitments__in=published)
        )
        .distinct()
        .order_by("name")
    )


def updates_public() -> QuerySet[ProgressUpdate]:
    """Progress updates of published commitments, newest first."""
    return (
        public(ProgressUpdate)
        .select_related("commitment", "commitment__plan", "author", "institution", "milestone")
        .order_by("-published_at", "-id")
    )


def commitment_updates_feed(
    *, plan_slug: str = "", reference: str = "", limit: int = 50
) -> list[ProgressUpdate]:
    updates = public(ProgressUpdate)
    if plan_slug:
        updates = updates.filter(commitment__plan__slug=plan_slug)
    if reference:
        updates = updates.filter(commitment__reference=reference)
    # Pick the latest ids on narrow rows first: joining the authors, institutions and milestones
    # of every update before the sort cost PostgreSQL 80 ms at 20,000 updates, for 50 kept.
    latest = list(updates.order_by("-published_at", "-id").values_list("pk", flat=True)[:limit])
    return list(updates_public().filter(pk__in=latest).prefetch_related("evidence"))


def milestones_public() -> QuerySet[Milestone]:
    return public(Milestone).order_by("commitment__reference", "ends_on", "id")


def assessments_public() -> QuerySet[PartnerAssessment]:
    return public(PartnerAssessment).order_by("id")


def evaluations_public() -> QuerySet[Evaluation]:
    return public(Evaluation).order_by("commitment__reference")
