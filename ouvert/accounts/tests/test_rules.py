"""Every permission of the platform, checked for every role (and for anonymous visitors)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.pages.tests.factories import PageFactory
from ouvert.plans.models import ActionPlan, Commitment
from ouvert.plans.tests.factories import ActionPlanFactory, CommitmentFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
PERSONAS = [ANONYMOUS, Role.PARTICIPANT, *[role for role in Role if role != Role.PARTICIPANT]]
BACK_OFFICE = {Role.AGENT, Role.ADMINISTRATOR}
EVERYONE = set(PERSONAS)
SIGNED_IN = EVERYONE - {ANONYMOUS}
AGENTS = {Role.AGENT, Role.ADMINISTRATOR}
ADMINISTRATORS = {Role.ADMINISTRATOR}


def _persona(persona):
    if persona == ANONYMOUS:
        return AnonymousUser()
    roles = [] if persona == Role.PARTICIPANT else [persona]
    return UserFactory(roles=roles)


# (permission, object factory or None, the personas that hold it)
MATRIX = [
    ("accounts.view_own_data", None, SIGNED_IN),
    ("accounts.delete_own_account", None, SIGNED_IN),
    ("accounts.manage_roles", None, ADMINISTRATORS),
    ("accounts.change_user", None, ADMINISTRATORS),
    ("accounts.add_userrole", None, ADMINISTRATORS),
    ("core.view_historyentry", None, AGENTS),
    ("pages.view_page", lambda: PageFactory(is_published=True), EVERYONE),
    ("pages.view_page", lambda: PageFactory(is_published=False), ADMINISTRATORS),
    ("pages.change_page", lambda: PageFactory(), ADMINISTRATORS),
    ("pages.add_page", None, ADMINISTRATORS),
    ("pages.delete_page", None, ADMINISTRATORS),
    ("plans.view_actionplan", lambda: ActionPlanFactory(), EVERYONE),
    (
        "plans.view_actionplan",
        lambda: ActionPlanFactory(status=ActionPlan.Status.DRAFT),
        AGENTS,
    ),
    ("plans.view_draft_actionplan", None, AGENTS),
    ("plans.add_actionplan", None, AGENTS),
    ("plans.change_actionplan", lambda: ActionPlanFactory(), AGENTS),
    ("plans.delete_actionplan", None, ADMINISTRATORS),
    ("plans.change_phase", None, AGENTS),
    ("plans.view_commitment", lambda: CommitmentFactory(), EVERYONE),
    ("plans.view_commitment", lambda: CommitmentFactory(status=Commitment.Status.DRAFT), AGENTS),
    (
        "plans.view_commitment",
        lambda: CommitmentFactory(plan=ActionPlanFactory(status=ActionPlan.Status.DRAFT)),
        AGENTS,
    ),
    ("plans.view_draft_commitment", None, AGENTS),
    ("plans.add_commitment", None, AGENTS),
    ("plans.change_commitment", lambda: CommitmentFactory(), AGENTS),
    ("plans.delete_commitment", None, ADMINISTRATORS),
    ("plans.post_progress_update", lambda: CommitmentFactory(), AGENTS),
    ("plans.import_commitments", None, AGENTS),
    ("plans.export_commitments", None, AGENTS),
    ("plans.change_evaluation", lambda: CommitmentFactory(), {Role.EVALUATOR, Role.ADMINISTRATOR}),
    ("plans.follow_commitment", lambda: CommitmentFactory(), SIGNED_IN),
]


@pytest.mark.parametrize(("permission", "make_object", "allowed"), MATRIX)
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_by_role(persona, permission, make_object, allowed):
    user = _persona(persona)
    target = make_object() if make_object else None
    assert user.has_perm(permission, target) is (persona in allowed)


@pytest.mark.parametrize("persona", PERSONAS)
def test_back_office_modules_by_role(persona):
    user = _persona(persona)
    assert user.has_module_perms("plans") is (persona in AGENTS)
    assert user.has_module_perms("pages") is (persona in ADMINISTRATORS)
    assert user.has_module_perms("accounts") is (persona in ADMINISTRATORS)
    assert getattr(user, "is_staff", False) is (persona in BACK_OFFICE)


def test_a_superuser_holds_every_permission():
    superuser = UserFactory(is_superuser=True)
    assert all(superuser.has_perm(permission) for permission, _, _ in MATRIX)
