"""A conversation in a real browser: moderation, votes, groups, report, and accessibility."""

import pytest
from django.db import transaction

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.conversations.models import Statement
from ouvert.conversations.tests.conftest import simulate_votes
from ouvert.conversations.tests.factories import ConversationFactory
from ouvert.core.testing.axe import assert_accessible
from ouvert.core.testing.browser import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEEDS = [
    "Chaque administration devrait publier la liste de ses algorithmes.",
    "Le code source des algorithmes publics devrait être libre.",
    "Publier les algorithmes aiderait les fraudeurs.",
    "Toute décision prise par algorithme doit pouvoir être expliquée.",
    "Les petites communes n'ont pas les moyens de documenter leurs algorithmes.",
    "Un algorithme ne devrait jamais décider seul d'une sanction.",
]


def test_a_conversation_from_seed_statements_to_the_published_report(site_page, live_server):
    conversation = ConversationFactory(
        slug="algorithmes", title="Comment rendre compte des algorithmes ?"
    )
    moderator = UserFactory(roles=[Role.MODERATOR])
    page = site_page
    login(page, moderator, live_server.url)

    # The moderation writes the seed statements.
    page.goto("/conversations/algorithmes/moderation/")
    assert_accessible(page)
    for text in SEEDS:
        page.get_by_role("textbox", name="Proposition de départ").fill(text)
        page.get_by_role("button", name="Ajouter", exact=True).click()
        page.wait_for_load_state()
    assert page.get_by_text("La proposition de départ est ajoutée.").is_visible()

    # Thirty participants vote (in one transaction: one analysis for all of them).
    statements = list(Statement.objects.filter(conversation=conversation).order_by("number"))
    assert len(statements) == len(SEEDS)
    with transaction.atomic():
        simulate_votes(conversation, statements, participants=30)

    page.goto("/conversations/algorithmes/resultats/")
    assert page.locator("svg.ouvert-map__svg").is_visible()
    assert page.get_by_role("heading", name="Groupe A").count() == 1
    assert page.get_by_role("heading", name="Groupe B").count() == 1
    assert page.get_by_role("table", name="Les groupes de la carte des opinions").is_visible()
    assert_accessible(page)
    page.goto("/conversations/algorithmes/resultats/propositions/")
    assert_accessible(page)

    # The report, previewed then published.
    page.goto("/conversations/algorithmes/moderation/")
    page.locator("#id_report-summary").fill(
        "Deux groupes se dessinent ; tous veulent des explications."
    )
    page.get_by_role("button", name="Publier le rapport").click()
    page.wait_for_load_state()
    assert page.get_by_text("Le rapport est publié.").is_visible()
    page.context.clear_cookies()
    page.goto("/conversations/algorithmes/rapport/")
    assert page.get_by_text("Deux groupes se dessinent").is_visible()
    assert page.get_by_role("heading", name="Groupe A").count() == 1
    assert_accessible(page)
    page.goto("/en/conversations/algorithmes/rapport/")
    assert_accessible(page)


def test_a_participant_without_an_account_votes_proposes_and_sees_the_moderation(
    site_page, live_server, browser
):
    conversation = ConversationFactory(slug="forum", title="Que faut-il ouvrir en priorité ?")
    for number, text in enumerate(SEEDS[:3]):
        Statement.objects.create(
            conversation=conversation,
            number=number,
            text=text,
            is_seed=True,
            status=Statement.Status.ACCEPTED,
        )
    conversation.statements_numbered = 3
    conversation.save()
    page = site_page
    page.goto("/conversations/")
    assert_accessible(page)
    page.get_by_role("link", name="Que faut-il ouvrir en priorité ?").click()
    page.wait_for_load_state()
    assert_accessible(page)
    for answer in ("D'accord", "Pas d'accord", "Je passe"):
        page.get_by_role("button", name=answer, exact=True).click()
        page.wait_for_load_state()
        assert page.get_by_role("alert").first.is_visible()
    assert page.get_by_text("Vous avez voté sur toutes les propositions. Merci !").is_visible()

    page.get_by_label("Votre proposition").fill("Les données des marchés publics, d'abord.")
    page.get_by_role("button", name="Envoyer ma proposition").click()
    page.wait_for_load_state()
    assert page.get_by_text("en attente de modération").is_visible()
    assert_accessible(page)

    # A moderator accepts it, in another browser.
    moderation = browser.new_context(base_url=live_server.url)
    moderator_page = moderation.new_page()
    login(moderator_page, UserFactory(roles=[Role.MODERATOR]), live_server.url)
    moderator_page.goto("/conversations/forum/moderation/")
    moderator_page.get_by_role("button", name="Accepter la proposition n° 3").click()
    moderator_page.wait_for_load_state()
    moderation.close()

    page.reload()
    assert page.get_by_text("soumise au vote", exact=True).is_visible()
    page.goto("/conversations/forum/resultats/")
    assert page.get_by_role("heading", name="Où vous situez-vous ?").is_visible()
    assert_accessible(page)
