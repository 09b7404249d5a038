"""No personal field of the register leaves through a page, the API or an export; what the actors
app holds about a person is in their download and goes with their account."""

import json

import pytest
from django.core.management import call_command

from ouvert.accounts.roles import Role
from ouvert.accounts.selectors import user_personal_data
from ouvert.accounts.services import user_delete
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.models import Actor, ActorRequest, Representative
from ouvert.actors.tests.factories import ActorFactory, gironde
from ouvert.actors.tests.rna_files import WALDEC_2018_COLUMNS, csv_bytes, waldec_row, write

pytestmark = pytest.mark.django_db

# Recognisable values planted in every personal column of the register.
PLANTED = {
    "adrg_declarant": "Gwendoline PERSONNELLE-DECLARANTE",
    "adrg_complemid": "CHEZ MME SECRETCOMPLEMENT",
    "adrg_complemgeo": "RESIDENCE SECRETGEO",
    "adrg_libvoie": "17 RUE DU DOMICILE-PRIVE",
    "adrg_distrib": "BP SECRETDISTRIB",
    "adrg_codepostal": "13999",
    "adrg_achemine": "SECRETVILLE-DACHEMINEMENT",
    "adrg_pays": "SECRETPAYS",
    "dir_civilite": "MX",
    "telephone": "0699887766",
    "email": "gwendoline.privee@exemple-perso.fr",
}
# Fragments that would give any of them away.
NEEDLES = [
    "PERSONNELLE-DECLARANTE",
    "SECRETCOMPLEMENT",
    "SECRETGEO",
    "DOMICILE-PRIVE",
    "SECRETDISTRIB",
    "13999",
    "SECRETVILLE",
    "SECRETPAYS",
    "0699887766",
    "gwendoline",
]


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_planted_personal_values_appear_in_no_page_api_answer_or_export(client, tmp_path):
    gironde()
    row = waldec_row(id="W332000777", titre="JARDINS PARTAGES", objet="jardins partagés", **PLANTED)
    path = write(
        tmp_path / "rna_waldec_2018_dpt_33.csv", csv_bytes([row], columns=WALDEC_2018_COLUMNS)
    )
    call_command("import_rna", str(path))
    actor = Actor.objects.get(rna_id="W332000777")
    stored = json.dumps(list(Actor.objects.filter(pk=actor.pk).values()), default=str)
    for needle in NEEDLES:
        assert needle not in stored, needle

    # (address, whether it names the actor): a check that reads empty answers proves nothing.
    public = [
        ("/", False),
        ("/acteurs/", True),
        ("/acteurs/?q=jardins", True),
        ("/acteurs/?q=jardins&vue=carte", False),
        ("/acteurs/?departement=33", True),
        ("/acteurs/carte.json?zoom=12", False),
        (f"/acteurs/{actor.pk}/", True),
        (f"/acteurs/{actor.pk}/historique/", False),
        ("/api/actors/?q=jardins", True),
        (f"/api/actors/{actor.pk}", True),
        ("/api/actors/clusters?zoom=12", False),
        ("/api/datasets/acteurs/rows", True),
        ("/donnees/acteurs/", False),
        ("/donnees/acteurs.csv", True),
        ("/donnees/acteurs.json", True),
        ("/donnees/acteurs.geojson", True),
        ("/donnees/acteurs/schema.json", False),
    ]
    for_agents = [
        ("/acteurs/export.csv", True),
        ("/acteurs/export.csv?q=jardins", True),
        (f"/acteurs/{actor.pk}/", True),
    ]
    checked = []
    for urls in (public, for_agents):
        if urls is for_agents:
            client.force_login(UserFactory(roles=[Role.AGENT]))
        for url, names_it in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            body = _body(response)
            if names_it:
                assert "JARDINS PARTAGES" in body, url
            checked.append((url, body))
    for url, body in checked:
        for needle in NEEDLES:
            assert needle not in body, (url, needle)


def test_a_person_downloads_and_erases_what_the_actors_app_holds():
    person = UserFactory()
    actor = ActorFactory(name="Représenté")
    Representative.objects.create(actor=actor, user=person)
    ActorRequest.objects.create(
        kind=ActorRequest.Kind.CLAIM,
        actor=ActorFactory(),
        requested_by=person,
        role="Trésorière",
        message="Mon message",
    )
    pending = ActorFactory(name="Ma demande", status=Actor.Status.PENDING)
    ActorRequest.objects.create(
        kind=ActorRequest.Kind.REGISTRATION, actor=pending, requested_by=person, role="Présidente"
    )
    section = user_personal_data(user=person)["sections"]["actors"]
    assert section["represents"][0]["actor"] == "Représenté"
    assert {request["role"] for request in section["requests"]} == {"Trésorière", "Présidente"}
    user_delete(user=person)
    assert not Representative.objects.exists()
    assert not ActorRequest.objects.exists()
    assert not Actor.objects.filter(name="Ma demande").exists()
    assert Actor.objects.filter(name="Représenté").exists()
