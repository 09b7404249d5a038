"""Reads of the plans app."""

from ouvert.plans.selectors.commitments import (
    CommitmentFilters,
    assessments_public,
    commitment_get,
    commitment_updates_feed,
    commitments_filtered,
    commitments_involving,
    commitments_public,
    commitments_visible,
    evaluations_public,
    milestones_public,
    updates_public,
)
from ouvert.plans.selectors.dashboard import PlanDashboard, PlanReport, plan_dashboard, plan_report
from ouvert.plans.selectors.plans import (
    PlanMoment,
    TimelineStep,
    phases_public,
    plan_current,
    plan_get,
    plan_timeline,
    plans_public,
    plans_visible,
)

__all__ = [
    "CommitmentFilters",
    "PlanDashboard",
    "PlanMoment",
    "PlanReport",
    "TimelineStep",
    "assessments_public",
    "commitment_get",
    "commitment_updates_feed",
    "commitments_filtered",
    "commitments_involving",
    "commitments_public",
    "commitments_visible",
    "evaluations_public",
    "milestones_public",
    "phases_public",
    "plan_current",
    "plan_dashboard",
    "plan_get",
    "plan_report",
    "plan_timeline",
    "plans_public",
    "plans_visible",
    "updates_public",
]
