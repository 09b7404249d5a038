"""Models of the action plans: plans and phases, commitments, progress, evaluation."""

from ouvert.plans.models.commitments import (
    Commitment,
    ImplementationStatus,
    OgpValue,
    PolicyArea,
)
from ouvert.plans.models.evaluation import Evaluation
from ouvert.plans.models.plans import ActionPlan, Phase
from ouvert.plans.models.progress import Evidence, Milestone, PartnerAssessment, ProgressUpdate

__all__ = [
    "ActionPlan",
    "Commitment",
    "Evaluation",
    "Evidence",
    "ImplementationStatus",
    "Milestone",
    "OgpValue",
    "PartnerAssessment",
    "Phase",
    "PolicyArea",
    "ProgressUpdate",
]
