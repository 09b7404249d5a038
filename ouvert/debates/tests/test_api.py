import pytest

from ouvert.accounts.tests.factories import UserFactory
from ouvert.core.testing.queries import assert_constant_queries
from ouvert.debates import services
from ouvert.debates.models import ArgumentSupport, Vote
from ouvert.debates.tests.factories import ArgumentFactory, close, open_debate

pytestmark = pytest.mark.django_db


def _csrf_client(client, user):
    client.force_login(user)
    client.get("/api/debates/")
    return client


def test_debates_are_listed_with_their_counts_in_constant_queries(client):
    debate = open_debate()
    services.vote_cast(acting_user=UserFactory(), debate=debate, choice="abstain")
    ArgumentFactory(debate=debate)
    listed = client.get("/api/debates/").json()["items"]
    assert [item["id"] for item in listed] == [debate.pk]
    assert listed[0]["votes"] == {
        "votes_for": 0,
        "votes_against": 0,
        "votes_abstain": 1,
        "total": 1,
    }
    assert listed[0]["arguments"] == 1
    assert listed[0]["state"] == "open"
    # A draft commitment is not named until it is published.
    assert listed[0]["commitment"] is None
    assert_constant_queries(client, "/api/debates/", lambda: [open_debate() for _ in range(5)])
    assert client.get("/api/debates/?state=closed").json()["items"] == []
    assert client.get("/api/debates/?state=bientôt").status_code == 422


def test_one_debate_gives_its_paragraphs_versions_and_ranked_arguments(client):
    debate = open_debate()
    weak, strong = ArgumentFactory(debate=debate), ArgumentFactory(debate=debate, side="con")
    services.argument_support_set(acting_user=UserFactory(), argument=strong, supporting=True)
    detail = client.get(f"/api/debates/{debate.pk}").json()
    assert [p["number"] for p in detail["paragraphs"]] == [1, 2, 3, 4, 5]
    assert detail["paragraphs"][0]["url"].endswith(f"/debats/{debate.pk}/paragraphes/1/")
    assert [v["kind"] for v in detail["versions"]] == ["debated"]
    assert detail["response"] is None
    arguments = client.get(f"/api/debates/{debate.pk}/arguments").json()["items"]
    assert [a["id"] for a in arguments] == [strong.pk, weak.pk]
    assert arguments[0]["supports"] == 1
    assert client.get("/api/debates/999999").status_code == 404


def test_a_participant_votes_changes_and_reads_only_their_own_vote(client):
    debate = open_debate()
    person = UserFactory()
    assert client.put(
        f"/api/debates/{debate.pk}/vote", {"choice": "for"}, content_type="application/json"
    ).status_code in (401, 403)
    _csrf_client(client, person)
    url = f"/api/debates/{debate.pk}/vote"
    assert client.get(url).status_code == 404
    for choice in ("for", "against"):
        response = client.put(
            url, {"choice": choice, "kind": "citizen"}, content_type="application/json"
        )
        assert response.status_code == 200, response.content
    assert client.get(url).json()["choice"] == "against"
    assert Vote.objects.filter(debate=debate).count() == 1
    response = client.put(url, {"choice": "bof"}, content_type="application/json")
    assert response.status_code == 422
    close(debate)
    response = client.put(url, {"choice": "for"}, content_type="application/json")
    assert response.status_code == 422
    assert Vote.objects.get().choice == "against"


def test_supporting_an_argument_twice_counts_once(client):
    argument = ArgumentFactory()
    _csrf_client(client, UserFactory())
    url = f"/api/debates/{argument.debate_id}/arguments/{argument.pk}/support"
    for _ in range(2):
        assert client.put(url).json() == {"supported": True, "supports": 1}
    assert client.delete(url).json() == {"supported": False, "supports": 0}
    pending = ArgumentFactory(debate=argument.debate, status="pending")
    other = f"/api/debates/{argument.debate_id}/arguments/{pending.pk}/support"
    assert client.put(other).status_code == 404
    assert not ArgumentSupport.objects.exists()
