"""Writes of action plans and their phases."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ouvert.core.services import save_with_history
from ouvert.plans.models import ActionPlan, Phase


@dataclass(frozen=True)
class PhaseData:
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date
    title: str = ""
    title_en: str = ""
    description: str = ""
    description_en: str = ""


@transaction.atomic
def plan_upsert(
    *, acting_user: Any, slug: str, data: dict[str, Any], phases: list[PhaseData] | None = None
) -> ActionPlan:
    """Create the plan `slug` or bring it up to date, phases included (matched by step).

    Running it twice with the same data changes nothing and writes no history: imports and the
    demo can be re-run safely.
    """
    plan = ActionPlan.objects.filter(slug=slug).first() or ActionPlan(slug=slug)
    save_with_history(instance=plan, acting_user=acting_user, data=data)
    existing = {phase.kind: phase for phase in plan.phases.all()}
    for phase_data in phases or ():
        phase = existing.get(phase_data.kind) or Phase(plan=plan)
        save_with_history(
            instance=phase,
            acting_user=acting_user,
            data={
                "kind": phase_data.kind,
                "title": phase_data.title,
                "title_en": phase_data.title_en,
                "description": phase_data.description,
                "description_en": phase_data.description_en,
                "starts_on": phase_data.starts_on,
                "ends_on": phase_data.ends_on,
            },
        )
    return plan
