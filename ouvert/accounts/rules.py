"""Who may do what with accounts, and the role predicates every app's rules are built from.

Roles are declared once, here; each app's `rules.py` combines these predicates into its
permissions, which views, the API and the Django admin all check through `user.has_perm`.
"""

import rules

from ouvert.accounts.roles import Role


def _holds(role: Role):
    @rules.predicate(name=f"holds_{role.value}")
    def holds(user) -> bool:
        return bool(user.is_authenticated and user.is_active and user.has_role(role))

    return holds


@rules.predicate
def is_administrator(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_role(Role.ADMINISTRATOR)


is_participant = _holds(Role.PARTICIPANT)
is_actor_representative = _holds(Role.ACTOR_REPRESENTATIVE)
is_moderator = _holds(Role.MODERATOR) | is_administrator
is_agent = _holds(Role.AGENT) | is_administrator
is_evaluator = _holds(Role.EVALUATOR) | is_administrator


# A person's own account
rules.add_perm("accounts.view_own_data", is_participant)
rules.add_perm("accounts.delete_own_account", is_participant)

# The back office: the app, and people's accounts and roles, for administrators only
rules.add_perm("accounts", is_administrator)
rules.add_perm("accounts.view_user", is_administrator)
rules.add_perm("accounts.change_user", is_administrator)
rules.add_perm("accounts.manage_roles", is_administrator)
rules.add_perm("accounts.view_userrole", is_administrator)
rules.add_perm("accounts.add_userrole", is_administrator)
rules.add_perm("accounts.change_userrole", is_administrator)
rules.add_perm("accounts.delete_userrole", is_administrator)
