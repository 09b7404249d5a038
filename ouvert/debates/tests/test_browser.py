"""A debate in a real browser, from its opening on a draft commitment to the public response,
with axe-core on every page of the flow and the paragraph comment written with the keyboard alone."""

import re

import pytest

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.core.testing.axe import assert_accessible
from ouvert.core.testing.browser import login
from ouvert.debates.models import Vote
from ouvert.debates.tests.factories import draft_commitment
from ouvert.plans.tests.factories import PhaseFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _settled(page) -> None:
    # The theme's artwork loads after the page: leaving before it has come would abort those
    # requests, which the `site_page` fixture counts as failed resources.
    page.wait_for_load_state("networkidle")


def _go(page, url: str) -> None:
    _settled(page)
    page.goto(url)


def _follow(page, locator) -> None:
    """Click what leaves the page (a link, a form's button) once the page has settled."""
    _settled(page)
    locator.click()


def _as(page, user, live_server):
    page.context.clear_cookies()
    login(page, user, live_server.url)


def _tab_to(page, locator, limit: int = 80) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user would (fails if it never does)."""
    element = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(element) => document.activeElement === element", element):
            return
    raise AssertionError(f"{locator} is not reachable with the Tab key")


def _vote(page, debate_url, choice: str, kind: str = "") -> None:
    _go(page, debate_url)
    vote = page.locator("#vote")
    vote.get_by_text(choice, exact=True).click()
    if kind:
        vote.get_by_label("Vous votez en tant que").select_option(label=kind)
    _follow(page, vote.get_by_role("button", name=re.compile("^(Voter|Changer mon vote)$")))
    assert page.get_by_text("Votre vote est enregistré.").is_visible()


def _argue(page, side: str, text: str) -> None:
    form = page.locator("form", has=page.get_by_role("textbox", name="Votre argument"))
    form.get_by_text(side, exact=True).click()
    form.get_by_role("textbox", name="Votre argument").fill(text)
    _follow(page, form.get_by_role("button", name="Envoyer mon argument"))
    assert page.get_by_text("Votre argument sera publié après relecture").is_visible()


def test_a_draft_is_debated_and_the_response_revises_it_in_public(site_page, live_server):
    page = site_page
    commitment = draft_commitment(reference="FR-DEBAT", title="Ouvrir les algorithmes publics")
    PhaseFactory(plan=commitment.plan, kind="forums", starts_on="2000-01-01", ends_on="2100-12-31")
    agent = UserFactory(roles=[Role.AGENT], display_name="Camille Agent")
    moderator = UserFactory(roles=[Role.MODERATOR])
    alice, bruno, chloe = (
        UserFactory(display_name=name) for name in ("Alice", "Bruno", "Chloé Clavier")
    )

    # An agent opens the debate from the draft commitment's page.
    _as(page, agent, live_server)
    _go(page, commitment.get_absolute_url())
    _follow(page, page.get_by_role("link", name="Soumettre ce projet au débat"))
    assert_accessible(page)
    page.get_by_label("Présentation").fill("Dites-nous ce que vous pensez de ce projet.")
    _follow(page, page.get_by_role("button", name="Ouvrir le débat"))
    assert page.get_by_text("Le débat est ouvert.").is_visible()
    debate_url = page.url.removeprefix(live_server.url)
    assert_accessible(page)

    # Three participants vote; Alice changes her mind; Alice and Bruno argue.
    _as(page, alice, live_server)
    _vote(page, debate_url, "Pour", "Citoyenne ou citoyen")
    _argue(page, "Pour", "Enfin un inventaire public des algorithmes.")
    _vote(page, debate_url, "Contre", "Citoyenne ou citoyen")
    assert page.get_by_text("Vous avez voté : Contre.").is_visible()
    assert_accessible(page)
    _as(page, bruno, live_server)
    _vote(page, debate_url, "Pour")
    _argue(page, "Contre", "Il manque un calendrier.")

    # Chloé comments the second paragraph with the keyboard alone, proposing a rewording.
    _as(page, chloe, live_server)
    _vote(page, debate_url, "Contre", "Association ou collectif")
    _tab_to(page, page.get_by_role("link", name="Commenter le paragraphe 2 (0 commentaires)"))
    _settled(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/paragraphes/2/$"))
    assert_accessible(page)
    _tab_to(page, page.get_by_label("Votre commentaire sur ce paragraphe"))
    page.keyboard.type("Il faut dire quelles décisions sont concernées.")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("Les personnes concernées par une décision individuelle en sont informées.")
    _tab_to(page, page.get_by_role("button", name="Envoyer mon commentaire"))
    _settled(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/paragraphes/2/#commentaires$"))
    assert page.get_by_text("Votre commentaire sera publié après relecture").is_visible()
    assert_accessible(page)

    # The moderators publish the two arguments and the comment.
    _as(page, moderator, live_server)
    _go(page, "/debats/moderation/")
    assert_accessible(page)
    for _ in range(2):
        page.locator("article").first.locator("label", has_text="Publier").click()
        _follow(
            page,
            page.locator("article").first.get_by_role("button", name="Enregistrer la décision"),
        )
        assert page.get_by_text("La décision est enregistrée.").is_visible()
    _go(page, "/participer/moderation/")
    comment = page.locator("article", has_text="Il faut dire quelles décisions")
    assert comment.get_by_text("Reformulation proposée :").is_visible()
    comment.locator("label", has_text="Publier").click()
    _follow(page, comment.get_by_role("button", name="Enregistrer la décision"))
    assert page.get_by_text("La décision est enregistrée.").is_visible()

    # The agent closes the debate and publishes the response with a revised version.
    _as(page, agent, live_server)
    _go(page, debate_url)
    _follow(page, page.get_by_role("button", name="Clore le débat maintenant"))
    assert page.get_by_text("Le débat est clos : les votes ne changent plus.").first.is_visible()
    _follow(page, page.get_by_role("link", name="Publier la réponse"))
    assert_accessible(page)
    page.get_by_role("textbox", name=re.compile("^Réponse Ce qui a changé")).fill(
        "Le texte précise **qui est informé**."
    )
    page.get_by_label("Titre révisé").fill("Ouvrir et expliquer les algorithmes publics")
    page.get_by_label("Texte révisé : Le problème").fill(
        "Premier paragraphe du problème.\n\n"
        "Les personnes concernées par une décision individuelle en sont informées."
    )
    page.get_by_role("textbox", name=re.compile(r"^Paragraphe 2 « Second")).fill(
        "Reformulation reprise."
    )
    page.locator("label[for=id_publish_commitment]").click()
    _follow(page, page.get_by_role("button", name="Publier la réponse"))
    assert page.get_by_text("La réponse et la version révisée sont publiées.").is_visible()

    # The public sees the counts, the arguments, the comment, the versions and the change log.
    page.context.clear_cookies()
    _go(page, debate_url)
    results = page.get_by_role("table", name="Votes")
    assert results.get_by_role("row", name="Pour 1").is_visible()
    assert results.get_by_role("row", name="Contre 2").is_visible()
    assert page.get_by_text("Enfin un inventaire public des algorithmes.").first.is_visible()
    assert page.get_by_text("Il manque un calendrier.").first.is_visible()
    assert page.get_by_role("link", name="Paragraphe 2 : 1 commentaire").first.is_visible()
    assert page.get_by_text("Le texte précise qui est informé.").is_visible()
    assert "Alice" not in page.locator("#resultats").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Paragraphe 2 : 1 commentaire").first.click()
    assert page.get_by_text("Il faut dire quelles décisions sont concernées.").is_visible()
    assert_accessible(page)
    _go(page, debate_url)
    _follow(
        page, page.get_by_role("link", name="Comparer la version débattue et la version publiée")
    )
    assert page.locator("ins", has_text="Les personnes concernées par une décision").is_visible()
    assert page.locator("del", has_text="Second paragraphe du problème.").is_visible()
    assert page.get_by_text("Reformulation reprise.").is_visible()
    assert_accessible(page)
    _go(page, "/engagements/FR-DEBAT/historique/")
    entry = page.locator("section", has_text="Ouvrir et expliquer les algorithmes publics").first
    assert entry.get_by_text("À la suite du débat « Ouvrir les algorithmes publics »").is_visible()
    _follow(page, entry.locator(f'a[href="{live_server.url}{debate_url}"]'))
    page.wait_for_url(f"**{debate_url}")
    assert_accessible(page)
    _go(page, commitment.plan.get_absolute_url())
    assert (
        page.locator(".ouvert-timeline")
        .get_by_role("link", name="Ouvrir les algorithmes publics")
        .is_visible()
    )
    assert Vote.objects.count() == 3
    _settled(page)
