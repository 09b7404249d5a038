"""What conversations publish as open data: never a name behind a vote, never a hidden statement."""

import csv
import io

import pytest

from ouvert.accounts.tests.factories import UserFactory
from ouvert.conversations import services
from ouvert.conversations.models import Conversation, Participant, Statement
from ouvert.conversations.tests.conftest import seed
from ouvert.conversations.tests.factories import ConversationFactory

pytestmark = pytest.mark.django_db


def _rows(client, slug):
    response = client.get(f"/donnees/{slug}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def conversation(moderator):
    conversation = ConversationFactory(slug="publique")
    seed(conversation, moderator, 2)
    user = UserFactory(email="marie@exemple.fr", display_name="Marie Dupont")
    participant = services.participant_create(conversation=conversation, user=user)
    for number in (0, 1):
        services.vote_cast(participant=participant, statement_number=number, value=1)
    secret = services.statement_submit(participant=participant, text="Une proposition écartée.")
    services.statement_moderate(
        statement=secret, status=Statement.Status.REJECTED, acting_user=moderator
    )
    services.statement_submit(participant=participant, text="Une proposition en attente.")
    services.analysis_update(conversation_id=conversation.pk)
    return conversation


def test_votes_are_published_under_the_participant_number_only(client, conversation):
    rows = _rows(client, "conversations-votes")
    assert {row["statement"] for row in rows} == {"0", "1"}  # not the hidden statements
    participant = Participant.objects.get(user__email="marie@exemple.fr")
    assert {row["participant"] for row in rows} == {str(participant.number)}
    text = str(rows)
    assert "marie" not in text.lower()
    assert "Dupont" not in text
    assert set(rows[0]) == {"id", "conversation", "statement", "participant", "vote", "date"}


def test_statements_are_published_once_accepted_and_without_their_author(client, conversation):
    rows = _rows(client, "conversations-propositions")
    assert [row["text"] for row in rows] == ["Proposition de départ 0.", "Proposition de départ 1."]
    assert all("author" not in key for key in rows[0])
    assert rows[0]["agree"] == "1"


def test_drafts_publish_nothing(client, conversation):
    Conversation.objects.filter(pk=conversation.pk).update(status=Conversation.Status.DRAFT)
    for slug in (
        "conversations",
        "conversations-propositions",
        "conversations-votes",
        "conversations-groupes",
    ):
        assert _rows(client, slug) == []


def test_conversations_and_groups(client, conversation):
    [row] = _rows(client, "conversations")
    assert (row["slug"], row["votes"], row["statements"]) == ("publique", "4", "2")
    assert row["participants"] == "1"
    assert _rows(client, "conversations-groupes") == []  # one voter: no groups


def test_the_api_never_shows_who_voted(client, conversation):
    text = client.get("/api/conversations/publique/results").content.decode()
    assert "marie" not in text.lower()
    assert "Dupont" not in text
