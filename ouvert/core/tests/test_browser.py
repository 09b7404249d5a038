"""The site shell in a real browser: accessibility of every page, in French and in English."""

import pytest

from ouvert.accounts.tests.factories import UserFactory
from ouvert.core.testing.axe import assert_accessible
from ouvert.core.testing.browser import login
from ouvert.plans.tests.factories import ActionPlanFactory, PhaseFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLIC_PAGES = [
    "/",
    "/compte/inscription/",
    "/compte/connexion/",
    "/compte/mot-de-passe/oublie/",
    "/compte/inscription/renvoyer/",
    "/pages/mentions-legales/",
    "/pages/donnees-personnelles/",
    "/pages/accessibilite/",
    "/plans/",
    "/plans/2021-2023/",
    "/plans/2021-2023/historique/",
    "/donnees/",
    "/donnees/phases-plans/",
    "/donnees/api/",
    "/donnees/chiffres-cles/",
    "/plan-du-site/",
    "/nulle-part/",
]
SIGNED_IN_PAGES = ["/compte/", "/compte/mot-de-passe/", "/compte/supprimer/"]


@pytest.fixture
def plan():
    plan = ActionPlanFactory(slug="2021-2023", title="Plan d'action 2021-2023")
    PhaseFactory(plan=plan, description="Des **ateliers** ouverts.")
    return plan


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_have_no_accessibility_violation(site_page, plan, prefix):
    for path in PUBLIC_PAGES:
        site_page.goto(prefix + path)
        assert site_page.locator("html").get_attribute("lang") == (prefix.strip("/") or "fr")
        assert_accessible(site_page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_account_pages_have_no_accessibility_violation(site_page, live_server, prefix):
    login(site_page, UserFactory(), live_server.url)
    for path in SIGNED_IN_PAGES:
        site_page.goto(prefix + path)
        assert_accessible(site_page)


def test_the_accessibility_check_does_find_violations(site_page):
    # The helper must fail on a faulty page, or every test above would pass for nothing.
    site_page.goto("/")
    site_page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        '\'<input type="text" id="sans-etiquette">\')'
    )
    with pytest.raises(AssertionError, match="label"):
        assert_accessible(site_page)


def test_form_errors_are_accessible(site_page):
    site_page.goto("/compte/inscription/")
    site_page.get_by_role("button", name="Créer mon compte").click()
    site_page.wait_for_load_state()
    assert site_page.locator("[aria-invalid=true]").count() >= 1
    assert_accessible(site_page)


def test_navigation_and_language_switch(site_page, plan):
    site_page.goto("/")
    site_page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Plans d'action"
    ).click()
    site_page.wait_for_url("**/plans/")
    assert site_page.get_by_role("heading", level=1).inner_text() == "Plans d'action nationaux"
    site_page.get_by_role("button", name="FR").first.click()
    site_page.get_by_role("link", name="EN — English").first.click()
    site_page.wait_for_url("**/en/plans/")
    assert site_page.get_by_role("heading", level=1).inner_text() == "National action plans"
    assert site_page.locator("html").get_attribute("lang") == "en"


def test_skip_link_reaches_the_content(site_page):
    site_page.goto("/")
    site_page.keyboard.press("Tab")
    focused = site_page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Contenu"
    site_page.keyboard.press("Enter")
    assert site_page.url.endswith("#content")


def test_dsfr_styles_are_applied(site_page):
    site_page.goto("/")
    font = site_page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Marianne" in font
