"""A conversation is about one plan, one commitment or one event, and is listed on that page."""

import csv
import io

import pytest
from django.db import IntegrityError, transaction

from ouvert.conversations.models import Conversation
from ouvert.conversations.tests.factories import ConversationFactory
from ouvert.participation.tests.factories import EventFactory
from ouvert.plans.models import Commitment
from ouvert.plans.tests.factories import ActionPlanFactory, CommitmentFactory

pytestmark = pytest.mark.django_db


def _conversation_rows(client) -> dict[str, dict]:
    response = client.get("/donnees/conversations.csv")
    text = b"".join(response.streaming_content).decode()
    return {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}


def test_a_conversation_has_exactly_one_subject():
    plan = ActionPlanFactory()
    commitment = CommitmentFactory(plan=plan)
    for subjects in ({"plan": None}, {"plan": plan, "commitment": commitment}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ConversationFactory(**subjects)
    assert ConversationFactory(plan=None, commitment=commitment).subject == commitment
    event = EventFactory()
    assert ConversationFactory(plan=None, event=event).subject == event


def test_each_subject_page_lists_its_conversations_and_each_conversation_names_its_subject(client):
    plan = ActionPlanFactory()
    commitment = CommitmentFactory(plan=plan, title="Ouvrir les algorithmes publics")
    event = EventFactory(title="Forum Open d'État sur les algorithmes")
    on_plan = ConversationFactory(plan=plan, title="Que doit contenir le plan ?")
    on_commitment = ConversationFactory(
        plan=None, commitment=commitment, title="Quels algorithmes d'abord ?"
    )
    on_event = ConversationFactory(plan=None, event=event, title="Qu'attendez-vous du forum ?")
    draft = ConversationFactory(plan=None, commitment=commitment, status=Conversation.Status.DRAFT)

    plan_page = client.get(plan.get_absolute_url()).content.decode()
    commitment_page = client.get(commitment.get_absolute_url()).content.decode()
    event_page = client.get(event.get_absolute_url()).content.decode()
    assert on_plan.get_absolute_url() in plan_page
    assert on_commitment.get_absolute_url() not in plan_page
    assert on_commitment.get_absolute_url() in commitment_page
    assert draft.get_absolute_url() not in commitment_page
    assert on_event.get_absolute_url() in event_page

    header = client.get(on_commitment.get_absolute_url()).content.decode()
    assert f'href="{commitment.get_absolute_url()}"' in header
    assert "Ouvrir les algorithmes publics" in header
    header = client.get(on_event.get_absolute_url()).content.decode()
    assert f'href="{event.get_absolute_url()}"' in header

    rows = _conversation_rows(client)
    assert (rows[on_commitment.slug]["commitment"], rows[on_commitment.slug]["plan"]) == (
        commitment.reference,
        "",
    )
    assert rows[on_event.slug]["event"] == event.slug
    assert rows[on_plan.slug]["plan"] == plan.slug
    api = client.get(f"/api/conversations/{on_commitment.slug}").json()
    assert (api["commitment"], api["plan"], api["event"]) == (commitment.reference, None, None)


def test_a_conversation_on_a_draft_commitment_never_names_it(client):
    draft = CommitmentFactory(
        reference="PROJET-SECRET", title="Projet pas encore publié", status=Commitment.Status.DRAFT
    )
    conversation = ConversationFactory(plan=None, commitment=draft, title="Une question ouverte ?")

    outputs = [
        client.get(conversation.get_absolute_url()).content.decode(),
        client.get("/conversations/").content.decode(),
        client.get(f"/api/conversations/{conversation.slug}").content.decode(),
        client.get("/api/conversations/").content.decode(),
        b"".join(client.get("/donnees/conversations.csv").streaming_content).decode(),
        b"".join(client.get("/donnees/conversations.json").streaming_content).decode(),
    ]
    assert "Une question ouverte ?" in outputs[0]
    for output in outputs:
        assert "PROJET-SECRET" not in output
        assert "Projet pas encore publié" not in output
    assert _conversation_rows(client)[conversation.slug]["commitment"] == ""
