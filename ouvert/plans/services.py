"""Writes of action plans and phases, each with its history row."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ouvert.core.history import diff, snapshot
from ouvert.core.models import HistoryEntry
from ouvert.core.services import history_record
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


def _save_with_history(instance, *, acting_user: Any, data: dict[str, Any], created: bool) -> bool:
    """Apply `data`, validate, save, and record the change; return whether anything changed."""
    fields = type(instance).history_fields
    before = {} if created else snapshot(instance, fields)
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()
    after = snapshot(instance, fields)
    changes = diff(before, after)
    if created:
        changes = {name: change for name, change in changes.items() if change[1] not in (None, "")}
    elif not changes:
        return False
    instance.save()
    history_record(
        instance=instance,
        acting_user=acting_user,
        action=HistoryEntry.Action.CREATED if created else HistoryEntry.Action.UPDATED,
        changes=changes,
    )
    return True


@transaction.atomic
def plan_upsert(
    *, acting_user: Any, slug: str, data: dict[str, Any], phases: list[PhaseData] | None = None
) -> ActionPlan:
    """Create the plan `slug` or bring it up to date, phases included (matched by step).

    Running it twice with the same data changes nothing and writes no history: imports and the
    demo can be re-run safely.
    """
    plan = ActionPlan.objects.filter(slug=slug).first()
    created = plan is None
    _save_with_history(
        plan or ActionPlan(slug=slug), acting_user=acting_user, data=data, created=created
    )
    plan = ActionPlan.objects.get(slug=slug)
    if phases is not None:
        existing = {phase.kind: phase for phase in plan.phases.all()}
        for phase_data in phases:
            values = {
                "kind": phase_data.kind,
                "title": phase_data.title,
                "title_en": phase_data.title_en,
                "description": phase_data.description,
                "description_en": phase_data.description_en,
                "starts_on": phase_data.starts_on,
                "ends_on": phase_data.ends_on,
            }
            phase = existing.get(phase_data.kind)
            _save_with_history(
                phase or Phase(plan=plan),
                acting_user=acting_user,
                data=values,
                created=phase is None,
            )
    return plan
