"""Writes of the plans app: plans and phases, commitments and their follow-up."""

from ouvert.plans.services.commitments import (
    EvidenceData,
    commitment_save,
    evaluation_save,
    milestone_save,
    partner_assessment_give,
    progress_update_post,
)
from ouvert.plans.services.plans import PhaseData, plan_upsert

__all__ = [
    "EvidenceData",
    "PhaseData",
    "commitment_save",
    "evaluation_save",
    "milestone_save",
    "partner_assessment_give",
    "plan_upsert",
    "progress_update_post",
]
