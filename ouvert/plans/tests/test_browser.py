"""The life of a commitment in a real browser: an agent builds and reports, the public follows."""

import re

import feedparser
import pytest

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.tests.factories import PublicBodyFactory
from ouvert.core.testing.axe import assert_accessible
from ouvert.core.testing.browser import login
from ouvert.plans.tests.factories import ActionPlanFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_agent_builds_a_commitment_and_reports_the_public_sees_it_move(
    site_page, live_server, tmp_path
):
    page = site_page
    ActionPlanFactory(slug="2024-2026", title="Plan d'action 2024-2026")
    ministry = PublicBodyFactory(name="Ministère de la Transition écologique")
    agent = UserFactory(roles=[Role.AGENT], display_name="Camille Agent")
    login(page, agent, live_server.url)

    page.goto("/plans/2024-2026/")
    page.get_by_role("link", name="Ajouter un engagement").click()
    assert_accessible(page)
    page.get_by_label("Identifiant externe").fill("FR0900")
    page.get_by_label("Titre", exact=True).fill("Ouvrir les données sur la qualité de l'air")
    page.get_by_label("Statut").select_option("published")
    page.get_by_label("Thème (Optionnel)").select_option("environment")
    page.get_by_label("Institution responsable").select_option(str(ministry.pk))
    page.locator("label[for=id_ogp_values_0]").click()
    page.get_by_role("button", name="Enregistrer l'engagement").click()
    page.wait_for_url("**/engagements/FR0900/")
    assert_accessible(page)

    for reference, title in (
        ("FR0900-1", "Publier le jeu de données"),
        ("FR0900-2", "Mettre à jour chaque jour"),
    ):
        page.get_by_role("link", name="Ajouter un jalon").click()
        page.get_by_label("Identifiant externe").fill(reference)
        page.get_by_label("Intitulé", exact=True).fill(title)
        page.get_by_label("Fin prévue").fill("2026-12-31")
        page.get_by_role("button", name="Enregistrer le jalon").click()
        page.wait_for_url("**/engagements/FR0900/**")

    page.get_by_role("link", name="Publier un point d'avancement").click()
    assert_accessible(page)
    page.get_by_label("Jalon concerné").select_option(label="Publier le jeu de données")
    page.get_by_label("Nouvel état du jalon").select_option("completed")
    page.get_by_label("Compte rendu").fill("Le jeu de données est **publié** sur data.gouv.fr.")
    page.get_by_label("Preuve 1 : intitulé").fill("Le jeu de données")
    page.get_by_label("Preuve 1 : lien").fill("https://www.data.gouv.fr/fr/datasets/exemple/")
    report_file = tmp_path / "compte-rendu.pdf"
    report_file.write_bytes(b"%PDF-1.4 compte rendu")
    page.get_by_label("Preuve 2 : intitulé").fill("Compte rendu du comité")
    page.get_by_label("Preuve 2 : document").set_input_files(str(report_file))
    page.get_by_role("button", name="Publier le point d'avancement").click()
    page.wait_for_url("**/engagements/FR0900/**")
    assert "Le point d'avancement est publié." in page.content()

    # The public, signed out, sees the update, its evidence, the milestone's status and the log.
    page.context.clear_cookies()
    page.goto("/engagements/FR0900/")
    assert page.get_by_text("Avancement : 50 %").is_visible()
    assert page.get_by_text(
        "Signé par Camille Agent, pour Ministère de la Transition écologique"
    ).is_visible()
    assert page.get_by_role("link", name="Le jeu de données").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Compte rendu du comité").click()
    assert download.value.path().read_bytes() == b"%PDF-1.4 compte rendu"
    assert_accessible(page)

    page.get_by_role("link", name="Historique des modifications").click()
    headings = page.get_by_role("heading", level=2)
    assert (
        headings.filter(has_text=re.compile(r"Publication — FR0900 — \d{4}-\d{2}-\d{2}")).count()
        == 1
    )
    assert headings.filter(has_text="Modification — Publier le jeu de données").count() == 1
    assert headings.filter(has_text="Création — FR0900 — Ouvrir les données").count() == 1
    assert "Camille Agent" in page.content()
    assert_accessible(page)

    feed = feedparser.parse(
        page.request.get(live_server.url + "/engagements/FR0900/avancement.atom").body()
    )
    assert [entry.title for entry in feed.entries] == [
        "FR0900 — Ouvrir les données sur la qualité de l'air"
    ]

    page.goto("/plans/2024-2026/tableau-de-bord/")
    assert (
        page.get_by_role("table", name="Engagements par état d'avancement")
        .get_by_role("row", name="En cours 1")
        .is_visible()
    )
    assert_accessible(page)
    for path in (
        "/engagements/",
        "/engagements/?theme=environment&q=air",
        "/plans/2024-2026/bilan/",
        "/en/engagements/FR0900/",
    ):
        page.goto(path)
        assert_accessible(page)
