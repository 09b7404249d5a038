import pytest

from ouvert.actors.models import Actor
from ouvert.actors.tests.factories import ActorFactory, gironde, recount

pytestmark = pytest.mark.django_db


def test_search_with_facets_and_pagination(client):
    places = gironde()
    for n in range(25):
        ActorFactory(name=f"Potager {n}", commune=places["bordeaux"], themes="food")
    ActorFactory(name="Potager parisien", commune=places["paris"])
    recount()
    data = client.get("/api/actors/", {"q": "potager", "department": "33", "page_size": 10}).json()
    assert data["count"] == 25
    assert data["pages"] == 3
    assert len(data["items"]) == 10
    assert data["facets"]["themes"] == [{"value": "food", "count": 25}]
    item = data["items"][0]
    assert item["commune"] == "Bordeaux"
    assert item["themes"] == ["food"]
    assert item["url"].endswith(f"/acteurs/{item['id']}/")
    assert "private_email" not in item
    everyone = client.get("/api/actors/").json()
    assert everyone["count"] == 26


def test_one_actor_and_hidden_ones(client):
    actor = ActorFactory(name="Visible")
    hidden = ActorFactory(status=Actor.Status.PENDING)
    assert client.get(f"/api/actors/{actor.pk}").json()["name"] == "Visible"
    assert client.get(f"/api/actors/{hidden.pk}").status_code == 404
    assert client.get("/api/actors/999999").status_code == 404


def test_clusters_as_geojson(client):
    places = gironde()
    ActorFactory(commune=places["bordeaux"])
    recount()
    data = client.get("/api/actors/clusters", {"zoom": 12}).json()
    assert data["features"][0]["properties"]["name"] == "Bordeaux"
    assert client.get("/api/actors/clusters", {"zoom": 40}).status_code == 422
    assert client.get("/api/actors/", {"situation": "perhaps"}).status_code == 422
