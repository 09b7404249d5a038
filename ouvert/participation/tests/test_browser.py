"""Participation in a real browser: the waitlist of a full event, and a proposal from its
submission to its public answer, with axe-core on every page of both flows."""

import pytest
from django.core import mail

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.tests.factories import PublicBodyFactory
from ouvert.core.testing.axe import assert_accessible
from ouvert.core.testing.browser import login
from ouvert.participation import services
from ouvert.participation.models import Proposal, Registration
from ouvert.participation.tests.factories import EventFactory, ProposalCallFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _as(page, user, live_server):
    page.context.clear_cookies()
    login(page, user, live_server.url)


def test_a_full_event_puts_me_on_the_waitlist_and_a_cancellation_gives_me_the_seat(
    site_page, live_server
):
    page = site_page
    event = EventFactory(
        title="Atelier données ouvertes",
        capacity=1,
        online_url="https://visio.exemple.gouv.fr/atelier",
    )
    holder = UserFactory(display_name="Première inscrite")
    services.registration_create(acting_user=holder, event=event)
    waiting = UserFactory(email="en-attente@exemple.fr", display_name="En attente")

    _as(page, waiting, live_server)
    page.goto("/evenements/")
    assert_accessible(page)
    page.get_by_role("link", name="Atelier données ouvertes").click()
    assert page.get_by_text("0 places libres sur 1").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="M'inscrire sur la liste d'attente").click()
    assert page.get_by_text("Liste d'attente : position 1").is_visible()
    assert page.get_by_role("link", name="Rejoindre en ligne").count() == 0
    assert_accessible(page)

    _as(page, holder, live_server)
    page.goto(event.get_absolute_url())
    mail.outbox.clear()
    page.get_by_role("button", name="Annuler mon inscription").click()
    assert page.get_by_text("Votre inscription est annulée.").is_visible()
    assert_accessible(page)

    assert Registration.objects.get(user=waiting).status == Registration.Status.CONFIRMED
    [promotion] = [message for message in mail.outbox if message.to == ["en-attente@exemple.fr"]]
    assert promotion.subject == "Une place s'est libérée : Atelier données ouvertes"
    assert promotion.attachments[0][0] == "evenement.ics"

    _as(page, waiting, live_server)
    page.goto(event.get_absolute_url())
    assert page.get_by_text("Vous êtes inscrit·e").is_visible()
    assert page.get_by_role("link", name="Rejoindre en ligne").is_visible()
    assert_accessible(page)
    page.goto("/evenements/calendrier/")
    assert_accessible(page)


def test_propose_moderate_support_answer_and_the_board_moves(site_page, live_server):
    page = site_page
    ministry = PublicBodyFactory(name="Ministère de la Transformation")
    call = ProposalCallFactory()
    author = UserFactory(display_name="Association Quartiers")
    moderator = UserFactory(roles=[Role.MODERATOR])
    supporter = UserFactory()
    agent = UserFactory(roles=[Role.AGENT], display_name="Camille (DITP)")

    _as(page, author, live_server)
    page.goto("/propositions/")
    assert_accessible(page)
    page.get_by_role("link", name="Faire une proposition").click()
    assert_accessible(page)
    page.get_by_label("Appel à propositions").select_option(str(call.pk))
    page.get_by_label("Type de proposition").select_option("commitment_idea")
    page.get_by_label("Titre", exact=True).fill("Publier les avis des comités d'usagers")
    page.get_by_label("Votre proposition").fill("Chaque avis publié sous un mois.")
    page.get_by_label("Institution destinataire").select_option(str(ministry.pk))
    page.get_by_role("button", name="Envoyer ma proposition").click()
    assert page.get_by_text("attend la modération").is_visible()
    assert_accessible(page)
    proposal = Proposal.objects.get()

    page.goto("/propositions/redevabilite/")
    assert page.locator("#board-published").inner_text() == "0"

    _as(page, moderator, live_server)
    page.goto("/participer/moderation/")
    assert_accessible(page)
    page.locator(f"label[for=proposal-{proposal.pk}-publish]").click()
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert page.get_by_text("La décision est enregistrée.").is_visible()
    assert_accessible(page)

    _as(page, supporter, live_server)
    page.goto(proposal.get_absolute_url())
    page.get_by_role("button", name="Soutenir cette proposition").click()
    assert page.locator("#supports-count").inner_text() == "1 soutien"
    assert_accessible(page)

    page.goto("/propositions/redevabilite/")
    assert page.locator("#board-published").inner_text() == "1"
    assert page.locator("#board-answered").inner_text() == "0 %"
    assert_accessible(page)

    _as(page, agent, live_server)
    page.goto(proposal.get_absolute_url())
    page.get_by_role("link", name="Répondre").click()
    assert_accessible(page)
    page.get_by_label("Réponse", exact=True).select_option("accepted")
    page.locator("#id_text").fill("Retenue : les avis seront publiés.")
    page.get_by_role("button", name="Publier la réponse").click()
    assert page.get_by_text("Retenue : les avis seront publiés.").is_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto("/propositions/redevabilite/")
    assert page.locator("#board-answered").inner_text() == "100 %"
    assert page.locator("#board-median").inner_text().endswith("jours")
    assert (
        page.get_by_role("table", name="Réponses aux propositions, par institution destinataire")
        .get_by_role("row", name="Ministère de la Transformation")
        .is_visible()
    )
    assert_accessible(page)
    page.goto("/en/propositions/")
    assert_accessible(page)
