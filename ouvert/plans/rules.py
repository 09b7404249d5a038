"""Action plans and commitments: the public reads what is published; public agents prepare and
report; civil-society partners give their view of each milestone; evaluators enter the IRM fields."""

import rules

from ouvert.accounts.rules import (
    is_actor_representative,
    is_administrator,
    is_agent,
    is_evaluator,
    is_participant,
)
from ouvert.core.rules import is_public


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
rules.add_perm("plans.change_commitment", is_agent)
rules.add_perm("plans.delete_commitment", is_administrator)
rules.add_perm("plans.view_milestone", is_agent)
rules.add_perm("plans.add_milestone", is_agent)
rules.add_perm("plans.change_milestone", is_agent)
rules.add_perm("plans.delete_milestone", is_agent)
rules.add_perm("plans.import_commitments", is_agent)
rules.add_perm("plans.export_commitments", is_agent)
rules.add_perm("plans.post_progress_update", is_agent)
rules.add_perm("plans.view_progressupdate", is_agent)
rules.add_perm("plans.view_policyarea", is_agent)
rules.add_perm("plans.change_policyarea", is_agent)
rules.add_perm("plans.add_policyarea", is_agent)

# The two voices on progress: the partners' own assessment
rules.add_perm("plans.give_partner_assessment", is_actor_representative)

# The Independent Reporting Mechanism's fields
rules.add_perm("plans.change_evaluation", is_evaluator)
rules.add_perm("plans.view_evaluation", is_evaluator | is_agent)

# Following a commitment's progress
rules.add_perm("plans.follow_commitment", is_participant)
