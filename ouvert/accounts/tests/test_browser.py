"""The whole life of an account in a real browser: sign up, confirm, log in, download, delete."""

import json
import re

import pytest
from django.core import mail

from ouvert.accounts.models import User
from ouvert.core.testing.axe import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "une phrase de passe assez longue"


def test_sign_up_confirm_log_in_download_my_data_and_delete_my_account(site_page, live_server):
    page = site_page
    page.goto("/")
    page.get_by_role("link", name="Créer un compte").first.click()
    page.get_by_label("Adresse électronique").fill("camille@exemple.fr")
    page.get_by_label("Nom public").fill("Camille")
    # A field's accessible name is its label followed by its hint.
    page.get_by_label(re.compile(r"Mot de passe\s+Au moins")).fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    # DSFR draws the checkbox on its label, which is what a person clicks.
    page.locator("label[for=id_accept_policy]").click()
    assert page.get_by_label("J'ai lu la politique").is_checked()
    page.get_by_role("button", name="Créer mon compte").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Vérifiez votre messagerie"
    assert_accessible(page)

    [message] = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link.startswith(live_server.url)
    page.goto(link)
    assert "Votre adresse est confirmée" in page.content()

    page.get_by_label("Adresse électronique").fill("camille@exemple.fr")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/compte/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mon compte"
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger mes données").click()
    document = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert document["sections"]["account"]["email"] == "camille@exemple.fr"
    assert document["sections"]["account"]["display_name"] == "Camille"

    page.get_by_role("link", name="Supprimer mon compte").click()
    page.get_by_label("Votre mot de passe, pour confirmer").fill(PASSWORD)
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    page.wait_for_url(live_server.url + "/")
    assert "Votre compte est supprimé" in page.content()
    assert page.get_by_role("link", name="Se connecter").first.is_visible()

    user = User.objects.get()
    assert user.deleted_at is not None
    assert "camille" not in user.email
