"""Every permission of the actors app, for every role (and for anonymous visitors)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.models import Actor, Representative
from ouvert.actors.tests.factories import ActorFactory, ActorRequestFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
REPRESENTATIVE = "representative of this actor"
REQUESTER = "who registered this actor"
PERSONAS = [
    ANONYMOUS,
    Role.PARTICIPANT,
    *[r for r in Role if r != Role.PARTICIPANT],
    REPRESENTATIVE,
    REQUESTER,
]
EVERYONE = set(PERSONAS)
SIGNED_IN = EVERYONE - {ANONYMOUS}
AGENTS = {Role.AGENT, Role.ADMINISTRATOR}
MODERATION = {Role.MODERATOR, Role.AGENT, Role.ADMINISTRATOR}


def published():
    return ActorFactory()


def pending():
    return ActorFactory(status=Actor.Status.PENDING)


MATRIX = [
    ("actors.view_actor", published, EVERYONE),
    ("actors.view_actor", pending, MODERATION | {REQUESTER}),
    ("actors.register_actor", None, SIGNED_IN),
    ("actors.claim_actor", published, SIGNED_IN),
    ("actors.claim_actor", pending, set()),
    ("actors.change_actor", published, AGENTS | {REPRESENTATIVE}),
    ("actors.change_actor", pending, AGENTS),
    ("actors.moderate_actors", None, MODERATION),
    ("actors.export_actors", None, AGENTS),
    ("actors.view_private_contact", None, AGENTS),
    ("actors.add_actor", None, AGENTS),
    ("actors.delete_actor", None, {Role.ADMINISTRATOR}),
    ("actors.view_rnaimport", None, AGENTS),
]


def _persona(persona, target):
    if persona == ANONYMOUS:
        return AnonymousUser()
    if persona in (REPRESENTATIVE, REQUESTER):
        user = UserFactory()
        if target is not None and persona == REPRESENTATIVE:
            Representative.objects.create(actor=target, user=user)
        if target is not None and persona == REQUESTER:
            ActorRequestFactory(actor=target, requested_by=user, kind="registration")
        return user
    return UserFactory(roles=[] if persona == Role.PARTICIPANT else [persona])


@pytest.mark.parametrize(("permission", "make_object", "allowed"), MATRIX)
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_by_role(persona, permission, make_object, allowed):
    target = make_object() if make_object else None
    user = _persona(persona, target)
    if target is not None:
        target = Actor.objects.get(
            pk=target.pk
        )  # fresh: representatives are read from the database
    assert user.has_perm(permission, target) is (persona in allowed)


@pytest.mark.parametrize("persona", [ANONYMOUS, *Role])
def test_the_back_office_opens_the_actors_to_agents(persona):
    user = _persona(persona, None)
    assert user.has_module_perms("actors") is (persona in AGENTS)
