import pytest

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.core.publicity import public
from ouvert.core.selectors import history_for_object
from ouvert.pages.models import Page
from ouvert.pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_list_is_paginated_and_holds_published_pages_only(client):
    PageFactory.create_batch(3)
    PageFactory(slug="cachee", is_published=False)
    data = client.get("/api/pages/", {"page_size": 2}).json()
    assert data["count"] == public(Page).count()
    assert len(data["items"]) == 2
    slugs = [item["slug"] for item in client.get("/api/pages/", {"page_size": 100}).json()["items"]]
    assert "cachee" not in slugs
    assert client.get("/api/pages/cachee").status_code == 404


@pytest.mark.parametrize(
    ("roles", "status"),
    [
        (None, 401),
        ((), 403),
        ((Role.AGENT,), 403),
        ((Role.MODERATOR,), 403),
        ((Role.ADMINISTRATOR,), 200),
    ],
)
def test_only_administrators_change_a_page(client, roles, status):
    page = PageFactory(slug="a-changer", title="Avant")
    if roles is not None:
        client.force_login(UserFactory(roles=roles))
    response = client.patch(
        "/api/pages/a-changer",
        {"title": "Après", "message": "Coquille"},
        content_type="application/json",
    )
    assert response.status_code == status
    page.refresh_from_db()
    assert page.title == ("Après" if status == 200 else "Avant")


def test_a_change_through_the_api_is_in_the_history_with_its_reason(client):
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    page = PageFactory(slug="api", title="Avant")
    client.force_login(admin)
    response = client.patch(
        "/api/pages/api", {"title": "Après", "message": "Coquille"}, content_type="application/json"
    )
    assert response.json()["title"] == "Après"
    [entry] = history_for_object(page)
    assert (entry.actor, entry.message, entry.changes) == (
        admin,
        "Coquille",
        {"title": ["Avant", "Après"]},
    )


def test_an_invalid_change_is_refused_with_the_reason_and_changes_nothing(client):
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    page = PageFactory(slug="valide", title="Titre")
    response = client.patch("/api/pages/valide", {"title": ""}, content_type="application/json")
    assert response.status_code == 422
    assert "title" in response.json()["detail"]
    page.refresh_from_db()
    assert page.title == "Titre"
    assert not history_for_object(page).exists()


def test_the_api_checks_csrf_for_session_writes():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    PageFactory(slug="csrf")
    response = client.patch("/api/pages/csrf", {"title": "x"}, content_type="application/json")
    assert response.status_code == 403
