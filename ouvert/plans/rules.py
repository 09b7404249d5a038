"""Action plans: the public reads published plans; public agents prepare and edit them."""

import rules

from ouvert.accounts.rules import is_administrator, is_agent


@rules.predicate
def is_published(user, plan) -> bool:
    return plan is not None and plan.is_published


rules.add_perm("plans.view_actionplan", is_published | is_agent)
rules.add_perm("plans.view_draft_actionplan", is_agent)
rules.add_perm("plans", is_agent)
rules.add_perm("plans.add_actionplan", is_agent)
rules.add_perm("plans.change_actionplan", is_agent)
rules.add_perm("plans.delete_actionplan", is_administrator)
rules.add_perm("plans.view_phase", is_agent)
rules.add_perm("plans.add_phase", is_agent)
rules.add_perm("plans.change_phase", is_agent)
rules.add_perm("plans.delete_phase", is_agent)
