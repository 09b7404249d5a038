"""The actor pages: search, map data, actor page, registration, claims, moderation, export."""

import csv
import io
import json

import pytest
from django.core import mail
from django.urls import reverse

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.models import Actor, ActorRequest, Representative
from ouvert.actors.tests.factories import (
    ActorFactory,
    ActorRequestFactory,
    PostalCodeFactory,
    gironde,
    recount,
)
from ouvert.core.models import HistoryEntry
from ouvert.core.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return gironde()


def registration_data(**changes) -> dict:
    data = {
        "name": "Collectif Vélo Bordeaux",
        "short_name": "CVB",
        "kind": "collective",
        "mission": "Promouvoir le vélo au quotidien et la concertation sur les aménagements.",
        "themes": ["environment", "participation"],
        "territory": "Bordeaux Métropole",
        "postal_code": "33000",
        "city": "Bordeaux",
        "website": "velo-bordeaux.example.org",
        "public_email": "contact@velo-bordeaux.example.org",
        "private_email": "presidente@velo-bordeaux.example.org",
        "private_phone": "05 56 00 00 00",
        "role": "Présidente",
        "message": "Statuts déposés en 2019.",
    }
    data.update(changes)
    return data


def test_the_search_page_lists_results_facets_and_shareable_filters(client, places):
    ActorFactory(name="Les Amis de la Forêt", themes="environment", commune=places["bordeaux"])
    ActorFactory(name="Club de lecture", themes="culture", commune=places["paris"])
    recount()
    page = client.get(reverse("actors:search"), {"q": "foret"}).content.decode()
    assert "Les Amis de la Forêt" in page
    assert "Club de lecture" not in page
    assert "1 acteur" in page
    # Facet links keep the words and add the filter: every search has its own address.
    assert 'href="/acteurs/?q=foret&amp;theme=environment"' in page
    assert 'href="/acteurs/?q=foret&amp;region=75"' in page
    filtered = client.get(reverse("actors:search"), {"region": "11"}).content.decode()
    assert "Club de lecture" in filtered
    assert "Les Amis de la Forêt" not in filtered
    assert "Retirer le filtre Île-de-France" in filtered


def test_the_search_page_costs_the_same_queries_for_2_or_60_actors(client, places):
    ActorFactory.create_batch(2, commune=places["bordeaux"])
    recount()

    def grow():
        ActorFactory.create_batch(30, commune=places["bordeaux"])
        ActorFactory.create_batch(30, commune=places["pessac"], themes="environment health")
        recount()

    for query in ("", "?q=association", "?departement=33", "?vue=carte"):
        assert_constant_queries(
            client, reverse("actors:search") + query, grow if not query else lambda: None
        )


def test_the_map_view_has_its_list_alternative_and_its_data(client, places):
    ActorFactory(commune=places["bordeaux"])
    ActorFactory(commune=places["paris"])
    recount()
    page = client.get(reverse("actors:search"), {"vue": "carte"}).content.decode()
    assert 'id="actors-map"' in page
    assert "vendor/leaflet/leaflet.js" in page
    assert "Répartition des acteurs par région (alternative à la carte)" in page
    assert ">Nouvelle-Aquitaine</a>" in page
    data = client.get(reverse("actors:clusters"), {"zoom": "12", "bbox": "-5,41,10,51"}).json()
    assert data["type"] == "FeatureCollection"
    assert data["total"] == 2
    bordeaux = next(f for f in data["features"] if f["properties"].get("name") == "Bordeaux")
    assert bordeaux["geometry"]["coordinates"] == [-0.57964, 44.83802]
    assert bordeaux["properties"]["url"] == "/acteurs/?commune=33063"


def test_an_actor_page_shows_public_facts_and_hides_private_contacts(client, places):
    actor = ActorFactory(
        name="Eau Vive",
        commune=places["bordeaux"],
        postal_code="33000",
        rna_id="W332000001",
        rna_objects="024015",
        themes="environment",
        website="https://eau-vive.example.org",
        private_email="secret@eau-vive.example.org",
        private_phone="0556999999",
    )
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Eau Vive" in page
    assert "Bordeaux (33000), Gironde, Nouvelle-Aquitaine" in page
    assert "Espaces naturels (024015)" in page
    assert "Environnement et climat" in page
    assert "secret@eau-vive" not in page
    assert "0556999999" not in page
    client.force_login(UserFactory(roles=[Role.AGENT]))
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "secret@eau-vive.example.org" in page
    assert "0556999999" in page


def test_registration_moderation_and_publication(
    client, places, django_capture_on_commit_callbacks
):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("actors:register"), registration_data())
    actor = Actor.objects.get(name="Collectif Vélo Bordeaux")
    assert response.status_code == 302
    assert response["Location"] == actor.get_absolute_url()
    assert actor.status == Actor.Status.PENDING
    assert actor.commune_id == "33063"
    assert actor.website == "https://velo-bordeaux.example.org"
    # Waiting: visible to the person who registered it, not to the public nor in the search.
    assert client.get(actor.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(actor.get_absolute_url()).status_code == 404
    assert "Vélo" not in client.get(reverse("actors:search"), {"q": "velo"}).content.decode()

    moderator = UserFactory(roles=[Role.MODERATOR])
    client.force_login(moderator)
    queue = client.get(reverse("actors:moderation")).content.decode()
    assert "Collectif Vélo Bordeaux" in queue
    request = ActorRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("actors:decide", kwargs={"pk": request.pk}),
            {"decision": "approve", "note": "Statuts vérifiés."},
        )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.is_published
    assert actor.is_verified
    assert Representative.objects.filter(actor=actor, user=person).exists()
    assert person.role_grants.filter(role=Role.ACTOR_REPRESENTATIVE).exists()
    [decision] = mail.outbox
    assert decision.to == [person.email]
    assert decision.subject == "Votre demande pour « Collectif Vélo Bordeaux » est acceptée"
    assert "Statuts vérifiés." in decision.body
    entry = HistoryEntry.objects.filter(object_id=str(actor.pk), actor=moderator).get()
    assert entry.message == "Inscription acceptée : Statuts vérifiés."
    assert entry.changes["status"] == ["pending", "published"]
    client.logout()
    assert (
        "Collectif Vélo Bordeaux"
        in client.get(reverse("actors:search"), {"q": "velo"}).content.decode()
    )
    history = client.get(reverse("actors:history", kwargs={"pk": actor.pk})).content.decode()
    assert "Inscription acceptée : Statuts vérifiés." in history


def test_registration_errors_are_explained(client, places):
    client.force_login(UserFactory())
    page = client.post(
        reverse("actors:register"), registration_data(postal_code="99999", themes=[], name="")
    ).content.decode()
    assert "Ce code postal n&#x27;est pas connu." in page
    assert page.count('aria-invalid="true"') >= 2
    assert not Actor.objects.exists()
    # A postal code that serves several communes needs the right name.
    PostalCodeFactory(code="33000", commune=places["pessac"])
    wrong_city = client.post(reverse("actors:register"), registration_data(city="Lyon"))
    assert (
        "Choisissez une commune de ce code postal : Bordeaux, Pessac."
        in wrong_city.content.decode()
    )
    # A postal code that serves one commune forgives a misspelt name.
    client.post(reverse("actors:register"), registration_data(postal_code="75001", city="Pari"))
    assert Actor.objects.get().commune_id == "75056"


def test_a_refusal_needs_a_reason_and_is_recorded(
    client, places, django_capture_on_commit_callbacks
):
    request = ActorRequestFactory(actor=ActorFactory(commune=places["bordeaux"]))
    client.force_login(UserFactory(roles=[Role.AGENT]))
    url = reverse("actors:decide", kwargs={"pk": request.pk})
    page = client.post(url, {"decision": "reject", "note": ""}).content.decode()
    assert "Donnez le motif du refus" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "note": "Aucun lien établi."})
    assert "Aucun lien établi." in mail.outbox[-1].body
    assert "est refusée" in mail.outbox[-1].subject
    request.refresh_from_db()
    assert request.status == ActorRequest.Status.REJECTED
    assert not Representative.objects.exists()
    assert HistoryEntry.objects.get().message == "Revendication refusée : Aucun lien établi."


def test_claim_by_rna_number_then_update_as_representative(client, places):
    actor = ActorFactory(name="AMIS DU PARC", rna_id="W332000001", commune=places["bordeaux"])
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("actors:claim_by_number"), {"rna_id": " w332000001 "})
    assert response["Location"] == reverse("actors:claim", kwargs={"pk": actor.pk})
    unknown = client.post(reverse("actors:claim_by_number"), {"rna_id": "W999999999"})
    assert "Aucune association publiée ne porte ce numéro" in unknown.content.decode()
    client.post(response["Location"], {"role": "Trésorier", "message": "Je tiens les comptes."})
    claim = ActorRequest.objects.get()
    assert claim.kind == ActorRequest.Kind.CLAIM
    # Not yet a representative: the page cannot be changed.
    assert client.get(reverse("actors:edit", kwargs={"pk": actor.pk})).status_code == 403
    again = client.post(response["Location"], {"role": "Trésorier"}, follow=True)
    assert "attend déjà la modération" in again.content.decode()

    client.force_login(UserFactory(roles=[Role.MODERATOR]))
    client.post(reverse("actors:decide", kwargs={"pk": claim.pk}), {"decision": "approve"})
    client.force_login(person)
    edit = reverse("actors:edit", kwargs={"pk": actor.pk})
    assert client.get(edit).status_code == 200
    client.post(
        edit,
        registration_data(
            name="Les Amis du Parc", kind="association", postal_code="33600", city="Pessac"
        ),
    )
    actor.refresh_from_db()
    assert actor.name == "Les Amis du Parc"
    assert actor.commune_id == "33318"
    assert "name" in actor.locked_fields
    assert "vyes" in actor.search_tags


def test_only_agents_export_a_search_as_csv(client, places):
    ActorFactory(name="Eau Bordeaux", commune=places["bordeaux"], private_email="x@example.org")
    ActorFactory(name="Eau Paris", commune=places["paris"])
    ActorFactory(name="Feu Paris", commune=places["paris"])
    url = reverse("actors:export")
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(roles=[Role.MODERATOR]))
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(roles=[Role.AGENT]))
    response = client.get(url, {"q": "eau"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sorted(row["nom"] for row in rows) == ["Eau Bordeaux", "Eau Paris"]
    assert {row["courriel_agents"] for row in rows} == {"x@example.org", ""}
    assert "Exporter en CSV" in client.get(reverse("actors:search")).content.decode()
    only_paris = client.get(url, {"departement": "75"})
    assert b"".join(only_paris.streaming_content).decode().count("Paris") >= 2


def test_the_actors_dataset_is_public_fields_only_with_geojson(client, places):
    ActorFactory(name="Publié", commune=places["bordeaux"], private_email="x@example.org")
    ActorFactory(name="Sans lieu")
    ActorFactory(name="En attente", status=Actor.Status.PENDING)
    data = json.loads(b"".join(client.get("/donnees/acteurs.json").streaming_content))
    assert sorted(row["nom"] for row in data) == ["Publié", "Sans lieu"]
    assert "courriel_agents" not in data[0]
    geojson = client.get("/donnees/acteurs.geojson")
    assert geojson["Content-Type"] == "application/geo+json; charset=utf-8"
    collection = json.loads(b"".join(geojson.streaming_content))
    [feature] = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-0.57964, 44.83802]}
    assert feature["properties"]["nom"] == "Publié"
    assert feature["properties"]["code_insee"] == "33063"
    page = client.get("/donnees/acteurs/").content.decode()
    assert "Télécharger en GeoJSON" in page
    assert client.get("/donnees/plans-action.geojson").status_code == 404


def test_an_actor_page_lists_what_it_does_in_the_process_and_only_what_is_public(client):
    from ouvert.blog.tests.factories import CategoryFactory, PostFactory
    from ouvert.participation.models import Event
    from ouvert.participation.tests.factories import EventFactory, ProposalFactory
    from ouvert.plans.models import Commitment
    from ouvert.plans.tests.factories import CommitmentFactory

    actor = ActorFactory(name="Association des transparents")
    CommitmentFactory(lead_institution=actor, title="Engagement qu'elle porte")
    CommitmentFactory(partners=[actor], title="Engagement qu'elle soutient")
    CommitmentFactory(lead_institution=actor, title="Brouillon", status=Commitment.Status.DRAFT)
    EventFactory(host=actor, title="Atelier qu'elle organise")
    EventFactory(host=actor, title="Atelier en préparation", status=Event.Status.DRAFT)
    ProposalFactory(on_behalf_of=actor, title="Proposition portée")
    ProposalFactory(institution=actor, title="Proposition adressée")
    PostFactory(actor=actor, title="Tribune signée", category=CategoryFactory())
    CommitmentFactory(title="Engagement d'un autre acteur")

    page = client.get(actor.get_absolute_url()).content.decode()

    assert "2 engagements" in page
    assert "Engagement qu&#x27;elle porte" in page
    assert "Engagement qu&#x27;elle soutient" in page
    assert "; institution responsable)" in page
    assert "; partenaire)" in page
    assert "Atelier qu&#x27;elle organise" in page
    assert "Proposition portée" in page
    assert "Proposition adressée" in page
    assert "Tribune signée" in page
    for hidden in ("Brouillon", "Atelier en préparation", "Engagement d&#x27;un autre acteur"):
        assert hidden not in page
    agent = UserFactory(roles=[Role.AGENT])
    client.force_login(agent)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "3 engagements" in page
    assert "Atelier en préparation" in page


def test_an_actor_page_costs_the_same_queries_however_much_it_does(client):
    from ouvert.participation.tests.factories import EventFactory
    from ouvert.plans.tests.factories import CommitmentFactory

    actor = ActorFactory()
    # More than a page shows from the start: the counts of the full lists are then asked too.
    CommitmentFactory.create_batch(11, lead_institution=actor)
    EventFactory.create_batch(11, host=actor)

    def grow():
        for _ in range(15):
            CommitmentFactory(partners=[actor])
            EventFactory(host=actor)

    assert_constant_queries(client, actor.get_absolute_url(), grow)
    assert "Tous ses engagements" in client.get(actor.get_absolute_url()).content.decode()
