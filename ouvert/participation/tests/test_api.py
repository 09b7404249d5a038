import json

import pytest

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.participation import services
from ouvert.participation.models import Registration, Support
from ouvert.participation.services.events import promote_after_change
from ouvert.participation.tests.factories import EventFactory, ProposalCallFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_registering_through_the_api_reveals_the_link_to_seat_holders_only(client):
    event = EventFactory(capacity=1, online_url="https://visio.exemple.gouv.fr/api")
    public = client.get(f"/api/events/{event.slug}").json()
    assert public["seats_left"] == 1
    assert "online_url" not in public
    assert client.post(f"/api/events/{event.slug}/registration").status_code == 401
    client.force_login(UserFactory())
    seat = client.post(f"/api/events/{event.slug}/registration").json()
    assert seat == {"event": event.slug, "status": "confirmed", "waitlist_position": None,
                    "online_url": "https://visio.exemple.gouv.fr/api"}  # fmt: skip
    client.force_login(UserFactory())
    waiting = client.post(f"/api/events/{event.slug}/registration").json()
    assert waiting["status"] == "waitlisted"
    assert waiting["waitlist_position"] == 1
    assert waiting["online_url"] is None
    assert client.delete(f"/api/events/{event.slug}/registration").status_code == 204


def test_supports_and_answers_through_the_api_check_the_same_rules(client):
    proposal = ProposalFactory()
    client.force_login(UserFactory())
    for _ in range(2):
        assert client.put(f"/api/proposals/{proposal.pk}/support").json() == {
            "supported": True,
            "supports": 1,
        }
    answer = {"status": "accepted", "text": "Retenue."}
    response = client.put(
        f"/api/proposals/{proposal.pk}/answer", json.dumps(answer), content_type="application/json"
    )
    assert response.status_code == 403
    client.force_login(UserFactory(roles=[Role.AGENT]))
    response = client.put(
        f"/api/proposals/{proposal.pk}/answer", json.dumps(answer), content_type="application/json"
    )
    assert response.json()["answer"]["status"] == "accepted"
    assert Support.objects.count() == 1
    listed = client.get("/api/proposals/").json()["items"][0]
    assert listed["supports"] == 1
    assert listed["answer"]["text"] == "Retenue."


def test_a_proposal_submitted_through_the_api_waits_for_moderation(client):
    call = ProposalCallFactory()
    client.force_login(UserFactory())
    payload = {"call": call.pk, "kind": "workshop", "title": "Un atelier", "body": "Texte"}
    response = client.post("/api/proposals/", json.dumps(payload), content_type="application/json")
    assert response.status_code == 201
    assert response.json()["title"] == "Un atelier"
    assert client.get("/api/proposals/").json()["count"] == 0
    bad = client.post(
        "/api/proposals/", json.dumps({**payload, "body": " "}), content_type="application/json"
    )
    assert bad.status_code == 422
    assert "body" in bad.json()["detail"]


def test_more_seats_given_in_the_back_office_go_to_the_waitlist():
    event = EventFactory(capacity=1)
    first, second = UserFactory.create_batch(2)
    services.registration_create(acting_user=first, event=event)
    services.registration_create(acting_user=second, event=event)
    event.capacity = 2
    event.save()
    promote_after_change(event=event, calendar_changed=True)
    assert Registration.objects.get(user=second).status == "confirmed"
    event.refresh_from_db()
    assert event.sequence == 1
