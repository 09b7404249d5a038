"""The map of actors in a real browser: register, moderate, find it in the list and on the map;
claim an imported association; export a search; and no accessibility violation anywhere."""

import csv
import re

import pytest

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.models import Actor, ActorRequest
from ouvert.actors.tests.factories import ActorFactory, ActorRequestFactory, gironde, recount
from ouvert.core.testing.axe import assert_accessible
from ouvert.core.testing.browser import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def places():
    return gironde()


def _markers(page):
    page.wait_for_selector(".ouvert-cluster")
    return page.locator(".ouvert-cluster")


def test_register_moderate_then_find_it_in_the_list_and_on_the_map(site_page, live_server, places):
    page = site_page
    person = UserFactory(display_name="Inès")
    login(page, person, live_server.url)
    page.goto("/acteurs/")
    page.get_by_role("link", name="Inscrire mon organisation").click()
    page.get_by_label("Nom de l'organisation").fill("Vélorution Bordeaux")
    page.get_by_label("Type d'acteur").select_option("collective")
    page.get_by_label(re.compile(r"Mission")).fill("Défendre le vélo en ville et la concertation.")
    page.locator("label[for=id_themes_8]").click()  # environment
    page.get_by_label(re.compile(r"Code postal du siège")).fill("33000")
    page.get_by_label("Commune du siège").fill("Bordeaux")
    page.get_by_label(re.compile(r"Votre fonction")).fill("Porte-parole")
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer l'inscription").click()
    page.wait_for_url(re.compile(r"/acteurs/\d+/$"))
    assert "attend la modération" in page.content()
    assert_accessible(page)

    login(page, UserFactory(roles=[Role.MODERATOR]), live_server.url)
    page.goto("/acteurs/moderation/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Examiner")).click()
    assert_accessible(page)
    page.locator("label[for=id_decision_0]").click()
    page.get_by_label(re.compile(r"Motif")).fill("Collectif connu de la métropole.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    page.wait_for_url("**/acteurs/moderation/")
    assert "Demande acceptée." in page.content()

    page.context.clear_cookies()
    page.goto("/acteurs/?q=velorution")
    assert page.get_by_role("link", name="Vélorution Bordeaux").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Carte", exact=True).click()
    page.wait_for_url("**vue=carte**")
    marker = _markers(page).first
    assert marker.get_attribute("title") == "Bordeaux : 1 acteur"
    assert_accessible(page)
    marker.click()
    page.wait_for_url("**commune=33063**")
    assert page.get_by_role("link", name="Vélorution Bordeaux").is_visible()
    page.get_by_role("link", name="Vélorution Bordeaux").click()
    page.wait_for_selector("#actor-map .ouvert-cluster")
    assert "Vérifié" in page.content()
    assert_accessible(page)


def test_claim_an_imported_association_by_its_number(site_page, live_server, places):
    actor = ActorFactory(
        name="AMIS DU JARDIN BOTANIQUE", rna_id="W332004567", commune=places["bordeaux"]
    )
    person = UserFactory()
    login(site_page, person, live_server.url)
    site_page.goto("/acteurs/revendiquer/")
    assert_accessible(site_page)
    site_page.get_by_label(re.compile(r"Numéro RNA")).fill("W332004567")
    site_page.get_by_role("button", name="Chercher").click()
    site_page.wait_for_url(f"**/acteurs/{actor.pk}/revendiquer/")
    assert_accessible(site_page)
    site_page.get_by_label(re.compile(r"Votre fonction")).fill("Secrétaire")
    site_page.get_by_role("button", name="Envoyer la demande").click()
    site_page.wait_for_url(f"**/acteurs/{actor.pk}/")
    assert "Votre demande est envoyée à la modération" in site_page.content()
    claim = ActorRequest.objects.get()
    assert (claim.kind, claim.requested_by, claim.role) == ("claim", person, "Secrétaire")


def test_an_agent_exports_a_search_as_csv(site_page, live_server, places):
    ActorFactory(
        name="Eau et rivières de Gironde", commune=places["bordeaux"], themes="environment"
    )
    ActorFactory(name="Eau de Paris", commune=places["paris"], themes="environment")
    recount()
    login(site_page, UserFactory(roles=[Role.AGENT]), live_server.url)
    site_page.goto("/acteurs/?q=eau&departement=33")
    with site_page.expect_download() as download:
        site_page.get_by_role("link", name="Exporter en CSV").click()
    with open(download.value.path(), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["nom"] for row in rows] == ["Eau et rivières de Gironde"]
    assert rows[0]["commune"] == "Bordeaux"


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_actor_pages_have_no_accessibility_violation(site_page, live_server, places, prefix):
    actor = ActorFactory(
        name="Transparence Gironde",
        commune=places["bordeaux"],
        themes="transparency participation",
        website="https://exemple.org",
        rna_id="W332000001",
        rna_objects="003060",
    )
    ActorFactory(name="Autre", commune=places["paris"], is_dissolved=True)
    ActorRequestFactory(actor=actor)
    recount()
    pages = [
        "/acteurs/",
        "/acteurs/?q=transparence&departement=33",
        "/acteurs/?vue=carte",
        "/acteurs/?vue=carte&region=75",
        f"/acteurs/{actor.pk}/",
        f"/acteurs/{actor.pk}/historique/",
        "/donnees/acteurs/",
    ]
    for path in pages:
        site_page.goto(prefix + path)
        if "carte" in path:
            _markers(site_page)
        assert_accessible(site_page)
    login(site_page, UserFactory(roles=[Role.AGENT]), live_server.url)
    for path in [
        "/acteurs/inscrire/",
        f"/acteurs/{actor.pk}/modifier/",
        f"/acteurs/{actor.pk}/revendiquer/",
        "/acteurs/moderation/",
        f"/acteurs/moderation/{ActorRequest.objects.get().pk}/",
    ]:
        site_page.goto(prefix + path)
        assert_accessible(site_page)
    # Errors too.
    site_page.goto(prefix + "/acteurs/inscrire/")
    site_page.locator("button[type=submit]").last.click()
    site_page.wait_for_load_state()
    assert site_page.locator("[aria-invalid=true]").count() >= 3
    assert_accessible(site_page)
    assert Actor.objects.count() == 2
