import pytest
from django.test import Client

from ouvert.accounts.tests.factories import UserFactory
from ouvert.conversations import selectors
from ouvert.conversations.api import VoteOut
from ouvert.conversations.models import Conversation, Statement, Vote
from ouvert.conversations.tests.conftest import seed
from ouvert.conversations.tests.factories import ConversationFactory

pytestmark = pytest.mark.django_db


def _browser() -> tuple[Client, str]:
    """A client that checks CSRF like a browser, with its CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.get("/api/conversations/api/next")  # sets the csrftoken cookie
    return client, client.cookies["csrftoken"].value


def test_votes_through_the_api(moderator):
    conversation = ConversationFactory(slug="api")
    seed(conversation, moderator, 2)
    client, token = _browser()
    following = client.get("/api/conversations/api/next").json()
    assert following["remaining"] == 2
    number = following["statement"]["number"]
    response = client.post(
        "/api/conversations/api/votes",
        {"statement": number, "vote": "disagree"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200
    assert response.json() == {
        "statement": number,
        "vote": "disagree",
        "created": True,
        "changed": False,
    }
    # The view builds this answer itself: it must still be the VoteOut the schema announces.
    assert VoteOut.model_validate_json(response.content).model_dump() == response.json()
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "ouvert_participation" in response.cookies  # the anonymous participant, remembered
    schema = client.get("/api/openapi.json").json()
    answer = schema["paths"]["/api/conversations/{slug}/votes"]["post"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/VoteOut"
    }
    again = client.post(
        "/api/conversations/api/votes",
        {"statement": number, "vote": "disagree"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert again.json()["created"] is False  # a repeated request does not count twice
    assert Vote.objects.get().value == -1
    assert client.get("/api/conversations/api/next").json()["remaining"] == 1


def test_votes_need_the_csrf_token(moderator):
    conversation = ConversationFactory(slug="api")
    seed(conversation, moderator, 1)
    client, _ = _browser()
    response = client.post(
        "/api/conversations/api/votes",
        {"statement": 0, "vote": "agree"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Vote.objects.count() == 0


def test_refused_votes_say_why(moderator):
    conversation = ConversationFactory(slug="api")
    seed(conversation, moderator, 1)
    client, token = _browser()
    response = client.post(
        "/api/conversations/api/votes",
        {"statement": 5, "vote": "agree"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 422
    Conversation.objects.filter(pk=conversation.pk).update(status=Conversation.Status.CLOSED)
    # The endpoint may still hold the conversation as open (two seconds): the database refuses.
    response = client.post(
        "/api/conversations/api/votes",
        {"statement": 0, "vote": "agree"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 422
    assert "pas ouverte" in response.json()["detail"]
    selectors._action_rows.clear()
    response = client.post(
        "/api/conversations/api/votes",
        {"statement": 0, "vote": "agree"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 403
    assert Vote.objects.count() == 0


def test_propose_and_moderate_through_the_api(moderator):
    ConversationFactory(slug="api")
    client, token = _browser()
    response = client.post(
        "/api/conversations/api/statements",
        {"text": "Ouvrir les données."},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201
    assert response.json() == {"number": 0, "status": "pending"}
    assert client.get("/api/conversations/api/statements").json()["items"] == []
    refused = client.post(
        "/api/conversations/api/statements/0/moderation",
        {"status": "accepted"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert refused.status_code == 401
    moderation = Client()
    moderation.force_login(moderator)
    accepted = moderation.post(
        "/api/conversations/api/statements/0/moderation",
        {"status": "accepted"},
        content_type="application/json",
    )
    assert accepted.json() == {"number": 0, "status": "accepted"}
    items = client.get("/api/conversations/api/statements").json()["items"]
    assert [item["text"] for item in items] == ["Ouvrir les données."]
    signed_in = Client()
    signed_in.force_login(UserFactory())
    forbidden = signed_in.post(
        "/api/conversations/api/statements/0/moderation",
        {"status": "rejected"},
        content_type="application/json",
    )
    assert forbidden.status_code == 403
    assert Statement.objects.get().status == Statement.Status.ACCEPTED


def test_results_through_the_api(client, analysed):
    data = client.get(f"/api/conversations/{analysed.slug}/results").json()
    assert data["participants"] == 30
    assert [group["label"] for group in data["groups"]] == ["A", "B"]
    assert sum(group["size"] for group in data["groups"]) == 30
    assert data["consensus_agree"]
    statement = data["statements"][0]
    assert set(statement) == {"number", "text", "overall", "groups", "group_consensus"}
    detail = client.get(f"/api/conversations/{analysed.slug}").json()
    assert detail["votes_count"] == 270
    assert detail["report_url"] is None


def test_out_of_range_numbers_are_refused_not_errors(moderator):
    conversation = ConversationFactory(slug="api")
    seed(conversation, moderator, 1)
    client, token = _browser()
    response = client.post(
        "/api/conversations/api/votes",
        {"statement": 2**40, "vote": "agree"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 422
    moderation = Client()
    moderation.force_login(moderator)
    response = moderation.post(
        f"/api/conversations/api/statements/{2**40}/moderation",
        {"status": "accepted"},
        content_type="application/json",
    )
    assert response.status_code == 422
