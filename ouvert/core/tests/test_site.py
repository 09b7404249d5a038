"""The site shell: navigation, languages, errors, security headers, production settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.plans.tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def test_home_is_french_with_the_design_system_and_the_navigation(client):
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in page
    assert "dsfr.min.css" in page
    assert "dsfr.module.min.js" in page
    assert 'href="#content"' in page
    assert 'id="content"' in page
    for label, url in [
        ("Accueil", "/"),
        ("Plans d'action", "/plans/"),
        ("Données ouvertes", "/donnees/"),
    ]:
        assert f'href="{url}"' in page
        assert label.replace("'", "&#x27;") in page
    assert 'aria-current="page">Accueil' in page


def test_the_home_page_has_a_tile_for_every_public_section(client):
    page = client.get("/").content.decode()
    sections = [
        "plans:list",
        "actors:search",
        "conversations:list",
        "debates:list",
        "events:list",
        "proposals:list",
        "blog:list",
        "opendata:catalogue",
    ]
    for name in sections:
        assert f'<h3 class="fr-tile__title"><a href="{reverse(name)}">' in page, name
    english = client.get("/en/").content.decode()
    assert ">The debates</a>" in english
    assert ">The events</a>" in english


def test_the_footer_links_the_legal_pages_and_states_the_accessibility_status(client):
    page = client.get("/").content.decode()
    for slug in ("mentions-legales", "donnees-personnelles", "accessibilite"):
        assert f'href="/pages/{slug}/"' in page
        assert client.get(f"/pages/{slug}/").status_code == 200
    assert "Accessibilité : non conforme" in page


def test_english_pages_live_under_en_and_the_switcher_points_to_the_same_page(client):
    english = client.get("/en/plans/").content.decode()
    assert '<html lang="en"' in english
    assert "Action plans" in english
    assert 'hreflang="fr" lang="fr" href="/plans/"' in english
    french = client.get("/plans/").content.decode()
    assert 'hreflang="en" lang="en" href="/en/plans/"' in french


def test_unknown_pages_get_a_designed_404(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode()
    assert "fr-header" in response.content.decode()


def test_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    # No inline script or style anywhere: scripts and styles come from the site's own files.
    assert "script-src 'self';" in csp + ";"
    assert "style-src 'self';" in csp + ";"
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_json_answers_get_the_strictest_policy(client):
    # Data is never a document: it may load nothing and be framed nowhere.
    response = client.get("/api/plans/")
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    # The API's HTML documentation is a page: it gets the site's policy.
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "script-src 'self'" in docs["Content-Security-Policy"]


def test_with_a_report_only_policy_json_answers_get_both_policies_as_django_csp_sets_them(client):
    report_only = {"DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/csp-report"}}
    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=report_only):
        response = client.get("/api/plans/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "report-uri /csp-report" in response["Content-Security-Policy-Report-Only"]


def test_sitemap_lists_every_section_and_page(client):
    page = client.get(reverse("core:sitemap")).content.decode()
    for url in ("/plans/", "/donnees/", "/donnees/api/", "/pages/accessibilite/"):
        assert f'href="{url}"' in page


def _production_environment() -> dict[str, str]:
    environment = {
        name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return {
        **environment,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-for-the-check-0123456789",
        "DJANGO_ALLOWED_HOSTS": "ouvert.exemple.gouv.fr",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://ouvert.exemple.gouv.fr",
        "OUVERT_SITE_URL": "https://ouvert.exemple.gouv.fr",
        "OUVERT_CONTACT_EMAIL": "contact@exemple.gouv.fr",
        "OUVERT_HOSTING": "Hébergeur, 1 rue de l'Exemple, 75000 Paris",
    }


def test_production_settings_pass_the_deployment_checklist():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=_production_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_its_secret_key():
    environment = _production_environment()
    del environment["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_the_footer_links_the_source_code_when_the_operator_says_where_it_is(client, settings):
    assert "Code source" not in client.get("/").content.decode()
    settings.OUVERT_SOURCE_URL = "https://forge.exemple.gouv.fr/ouvert"
    assert (
        'href="https://forge.exemple.gouv.fr/ouvert">Code source'
        in client.get("/").content.decode()
    )


def test_nul_characters_in_an_address_get_a_400_not_a_database_error(client):
    assert client.get("/engagements/", {"q": "eau\x00"}).status_code == 400
    assert client.get("/api/commitments/", {"theme": "\x00"}).status_code == 400
    assert client.get("/engagements/", {"q": "eau"}).status_code == 200


@pytest.mark.parametrize("text", ["eau\x00", "eau\ud800", "\udfff"])
def test_an_api_payload_no_database_can_store_gets_a_400(client, text):
    """A JSON string may spell a NUL or a lone surrogate; neither reaches the database."""
    commitment = CommitmentFactory(reference="FR0001")
    client.force_login(UserFactory(roles=[Role.AGENT, Role.ADMINISTRATOR]))
    payload = {
        "institution": commitment.lead_institution_id,
        "text": "Compte rendu",
        "evidence": [{"title": text, "url": "https://exemple.fr"}],
    }
    response = client.post(
        "/api/commitments/FR0001/updates", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 400
    assert not commitment.updates.exists()
    payload["evidence"][0]["title"] = "Relevé de décisions"
    response = client.post(
        "/api/commitments/FR0001/updates", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 201


def test_nul_characters_in_a_json_body_get_a_400_not_a_database_error(client):
    # Found by schemathesis on PostgreSQL: a NUL in a JSON string reached a query and failed there.
    response = client.post(
        "/api/conversations/nulle-part/statements",
        '{"text": "eau\\u0000"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    response = client.post(
        "/api/conversations/nulle-part/statements",
        '{"text": "eau"}',
        content_type="application/json",
    )
    assert response.status_code != 400


@pytest.mark.parametrize("raw", [b"eau\x00", b"eau\xed\xa0\x80"])
def test_a_raw_nul_or_surrogate_in_a_json_body_is_refused_as_malformed(client, raw):
    """Unescaped, neither is JSON: the middleware's quick path leaves them to the API's parser."""
    commitment = CommitmentFactory(reference="FR0001")
    client.force_login(UserFactory(roles=[Role.AGENT, Role.ADMINISTRATOR]))
    body = b'{"institution": %d, "text": "Compte rendu", "evidence": [{"title": "%s"}]}' % (
        commitment.lead_institution_id,
        raw,
    )
    response = client.post("/api/commitments/FR0001/updates", body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert not commitment.updates.exists()


def test_nul_characters_in_an_api_payload_get_a_400_not_a_database_error(client):
    # Schemathesis found a progress update whose milestone held one: PostgreSQL refused it (500).
    payload = {"institution": 1, "text": "", "milestone": "J\x00", "evidence": [{"title": "x"}]}
    for body in (payload, {"text": "", "evidence": [{"title": "a\x00"}]}):
        response = client.post(
            "/api/commitments/FR0001/updates", body, content_type="application/json"
        )
        assert response.status_code == 400
        assert b"NUL characters" in response.content
