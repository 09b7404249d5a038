import pytest
from django.urls import reverse

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_a_published_page_renders_its_markdown_safely(client):
    PageFactory(slug="essai", title="Essai", body="## Partie\n\n<script>alert(1)</script>")
    response = client.get(reverse("pages:detail", kwargs={"slug": "essai"}))
    page = response.content.decode()
    assert "<h1>Essai</h1>" in page
    assert "<h2>Partie</h2>" in page
    assert "<script>alert" not in page


def test_an_unpublished_page_exists_only_for_administrators(client):
    PageFactory(slug="brouillon", is_published=False)
    url = reverse("pages:detail", kwargs={"slug": "brouillon"})
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(roles=[Role.AGENT]))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    assert client.get(url).status_code == 200


def test_legal_pages_carry_the_instance_facts_from_the_settings(client, settings):
    settings.OUVERT_PUBLISHER = "Ministère de l'Exemple"
    settings.OUVERT_CONTACT_EMAIL = "ecrire@exemple.gouv.fr"
    settings.OUVERT_HOSTING = "Hébergeur SAS, 1 rue du Serveur, 59100 Roubaix"
    page = client.get(reverse("pages:detail", kwargs={"slug": "mentions-legales"})).content.decode()
    assert "Ministère de l&#x27;Exemple" in page or "Ministère de l'Exemple" in page
    assert "ecrire@exemple.gouv.fr" in page
    assert "1 rue du Serveur" in page
    assert "{{" not in page


def test_an_english_page_falls_back_to_french_marked_as_such(client):
    PageFactory(slug="fr-seulement", title="Seulement en français", body="Texte français.")
    page = client.get("/en/pages/fr-seulement/").content.decode()
    assert '<h1 lang="fr">Seulement en français</h1>' in page
    assert '<div class="ouvert-prose" lang="fr">' in page


def test_english_version_when_there_is_one(client):
    page = client.get("/en/pages/mentions-legales/").content.decode()
    assert "<h1>Legal notice</h1>" in page
