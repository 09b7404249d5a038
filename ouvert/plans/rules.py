"""Action plans and commitments: the public reads what is published; public agents prepare and
report; civil-society partners give their view of each milestone; evaluators enter the IRM fields."""

import rules
from django.db.models import Q

from ouvert.accounts.rules import (
    is_administrator,
    is_agent,
    is_evaluator,
    is_participant,
)
from ouvert.core.rules import is_public


@rules.predicate
def works_for_the_lead(user, commitment) -> bool:
    """An agent of the commitment's lead institution (or any agent while it has none)."""
    if commitment is None:
        return True  # a check on the model, not on one commitment (the back office's lists)
    from ouvert.actors.selectors import actor_ids_represented_by

    lead = commitment.lead_institution_id
    return lead is None or lead in actor_ids_represented_by(user)


@rules.predicate
def works_for_the_lead_or_a_partner(user, commitment) -> bool:
    if commitment is None:
        return True
    return bool(institutions_represented_by(user, commitment).exists()) or (
        commitment.lead_institution_id is None
    )


@rules.predicate
def represents_a_partner(user, commitment) -> bool:
    return commitment is not None and partners_represented_by(user, commitment).exists()


def institutions_represented_by(user, commitment):
    """The commitment's lead institution and partners that `user` speaks for."""
    from ouvert.actors.models import Actor
    from ouvert.actors.selectors import actor_ids_represented_by

    ids = actor_ids_represented_by(user)
    return (
        Actor.objects.filter(
            Q(pk=commitment.lead_institution_id) | Q(supported_commitments=commitment), pk__in=ids
        )
        .distinct()
        .order_by("name")
    )


def reporting_institutions(user, commitment):
    """The institutions `user` may report for on this commitment: those they speak for, or all
    of its lead and partners for an administrator (and while the commitment has no lead)."""
    from ouvert.actors.models import Actor

    if is_administrator(user) or commitment.lead_institution_id is None:
        return (
            Actor.objects.filter(
                Q(pk=commitment.lead_institution_id) | Q(supported_commitments=commitment)
            )
            .distinct()
            .order_by("name")
        )
    return institutions_represented_by(user, commitment)


def partners_represented_by(user, commitment):
    """The commitment's supporting institutions that `user` speaks for."""
    from ouvert.actors.selectors import actor_ids_represented_by

    return commitment.supporting_institutions.filter(
        pk__in=actor_ids_represented_by(user)
    ).order_by("name")


# Plans and their phases
rules.add_perm("plans.view_actionplan", is_public | is_agent)
rules.add_perm("plans.view_draft_actionplan", is_agent)
rules.add_perm("plans", is_agent)
rules.add_perm("plans.add_actionplan", is_agent)
rules.add_perm("plans.change_actionplan", is_agent)
rules.add_perm("plans.delete_actionplan", is_administrator)
rules.add_perm("plans.view_phase", is_agent)
rules.add_perm("plans.add_phase", is_agent)
rules.add_perm("plans.change_phase", is_agent)
rules.add_perm("plans.delete_phase", is_agent)

# Commitments and their milestones, written by public agents
rules.add_perm("plans.view_commitment", is_public | is_agent)
rules.add_perm("plans.view_draft_commitment", is_agent)
rules.add_perm("plans.add_commitment", is_agent)
rules.add_perm("plans.change_commitment", is_administrator | (is_agent & works_for_the_lead))
rules.add_perm("plans.delete_commitment", is_administrator)
rules.add_perm("plans.view_milestone", is_agent)
rules.add_perm("plans.add_milestone", is_agent)
rules.add_perm("plans.change_milestone", is_agent)
rules.add_perm("plans.delete_milestone", is_agent)
rules.add_perm("plans.import_commitments", is_agent)
rules.add_perm("plans.export_commitments", is_agent)
rules.add_perm(
    "plans.post_progress_update", is_administrator | (is_agent & works_for_the_lead_or_a_partner)
)
rules.add_perm("plans.view_progressupdate", is_agent)
rules.add_perm("plans.view_policyarea", is_agent)
rules.add_perm("plans.change_policyarea", is_agent)
rules.add_perm("plans.add_policyarea", is_agent)

# The two voices on progress: the partners' own assessment
rules.add_perm("plans.give_partner_assessment", represents_a_partner)

# The Independent Reporting Mechanism's fields
rules.add_perm("plans.change_evaluation", is_evaluator)
rules.add_perm("plans.view_evaluation", is_evaluator | is_agent)

# Following a commitment's progress
rules.add_perm("plans.follow_commitment", is_participant)
