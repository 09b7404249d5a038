"""Reads of action plans and their phases."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Max, Min, Prefetch, QuerySet
from django.utils import timezone

from ouvert.core.publicity import public
from ouvert.plans.models import ActionPlan, Phase


def _with_period(plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    """Plans with the period their phases cover, newest first."""
    return plans.annotate(
        starts_on=Min("phases__starts_on"), ends_on=Max("phases__ends_on")
    ).order_by(F("starts_on").desc(nulls_last=True), "-slug")


def _with_phases(plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    return plans.prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "id"))
    )


def plans_public() -> QuerySet[ActionPlan]:
    """Published plans with their period (the open-data rows)."""
    return _with_period(public(ActionPlan))


def plans_visible(*, user) -> QuerySet[ActionPlan]:
    """The plans `user` may see, phases included: published ones, and drafts for public agents."""
    if user.has_perm("plans.view_draft_actionplan"):
        return _with_phases(_with_period(ActionPlan.objects.all()))
    return _with_phases(plans_public())


def plan_get(*, slug: str, user) -> ActionPlan | None:
    return plans_visible(user=user).filter(slug=slug).first()


def phases_public() -> QuerySet[Phase]:
    return (
        Phase.objects.filter(plan__status=ActionPlan.Status.PUBLISHED)
        .select_related("plan")
        .order_by("plan__slug", "starts_on", "id")
    )


@dataclass(frozen=True)
class TimelineStep:
    phase: Phase
    status: str
    # The debates held during the phase, where a page shows them (see ouvert.debates.selectors).
    debates: tuple = ()


@dataclass(frozen=True)
class PlanMoment:
    """Where the cycle of a plan stands on a given day."""

    plan: ActionPlan
    steps: tuple[TimelineStep, ...]
    current: Phase | None
    next: Phase | None
    last: Phase | None


def plan_timeline(plan: ActionPlan, day: datetime.date | None = None) -> PlanMoment:
    """The phases of `plan` with their status on `day` (today by default), from prefetched phases."""
    day = day or timezone.localdate()
    phases = list(plan.phases.all())
    steps = tuple(TimelineStep(phase=phase, status=phase.status_on(day)) for phase in phases)
    current = next((s.phase for s in steps if s.status == Phase.Status.CURRENT), None)
    upcoming = next((s.phase for s in steps if s.status == Phase.Status.UPCOMING), None)
    past = [s.phase for s in steps if s.status == Phase.Status.PAST]
    return PlanMoment(
        plan=plan, steps=steps, current=current, next=upcoming, last=past[-1] if past else None
    )


def plan_current(*, day: datetime.date | None = None) -> PlanMoment | None:
    """The plan whose cycle is under way on `day`; failing that the latest started one, else the next.

    Plans overlap (the next plan's concertation runs while the current one is implemented): the
    one with a phase in progress that started last wins.
    """
    day = day or timezone.localdate()
    plans = [plan for plan in _with_phases(plans_public()) if plan.starts_on is not None]
    if not plans:
        return None
    under_way = [plan for plan in plans if plan.starts_on <= day <= plan.ends_on]
    started = [plan for plan in plans if plan.starts_on <= day]
    chosen = (under_way or started or plans[::-1])[0]
    return plan_timeline(chosen, day)
