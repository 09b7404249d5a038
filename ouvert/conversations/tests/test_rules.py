"""Every permission of conversations, for every role and for anonymous visitors."""

import pytest
from django.utils import timezone

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.test_rules import (
    ADMINISTRATORS,
    AGENTS,
    EVERYONE,
    PERSONAS,
    SIGNED_IN,
    _persona,
)
from ouvert.conversations.models import Conversation
from ouvert.conversations.tests.factories import ConversationFactory

pytestmark = pytest.mark.django_db

RUNNERS = {Role.MODERATOR, Role.AGENT, Role.ADMINISTRATOR}


def _conversation(**values):
    return lambda: ConversationFactory(**values)


MATRIX = [
    ("conversations.view_conversation", _conversation(), EVERYONE),
    ("conversations.view_conversation", _conversation(status=Conversation.Status.CLOSED), EVERYONE),
    ("conversations.view_conversation", _conversation(status=Conversation.Status.DRAFT), RUNNERS),
    ("conversations.view_draft_conversation", None, RUNNERS),
    ("conversations.participate", _conversation(), EVERYONE),
    ("conversations.participate", _conversation(anonymous_participation=False), SIGNED_IN),
    ("conversations.participate", _conversation(status=Conversation.Status.CLOSED), set()),
    ("conversations.participate", _conversation(status=Conversation.Status.DRAFT), set()),
    ("conversations.propose_statement", _conversation(), EVERYONE),
    ("conversations.propose_statement", _conversation(accepts_statements=False), set()),
    ("conversations.moderate_conversation", _conversation(), RUNNERS),
    ("conversations.view_report", _conversation(), RUNNERS),
    ("conversations.publish_report", _conversation(), RUNNERS),
    ("conversations.export_conversation", _conversation(), RUNNERS),
    ("conversations.add_conversation", None, AGENTS),
    ("conversations.change_conversation", _conversation(), AGENTS),
    ("conversations.delete_conversation", None, ADMINISTRATORS),
    ("conversations.change_statement", None, AGENTS),
]


@pytest.mark.parametrize(("permission", "make_object", "allowed"), MATRIX)
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_by_role(persona, permission, make_object, allowed):
    user = _persona(persona)
    target = make_object() if make_object else None
    assert user.has_perm(permission, target) is (persona in allowed)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_published_report_is_for_everyone(persona):
    conversation = ConversationFactory(report_published_at=timezone.now())
    assert _persona(persona).has_perm("conversations.view_report", conversation)


@pytest.mark.parametrize("persona", PERSONAS)
def test_back_office_module(persona):
    assert _persona(persona).has_module_perms("conversations") is (persona in AGENTS)
