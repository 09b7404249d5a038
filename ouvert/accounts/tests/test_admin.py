import pytest
from django.urls import reverse

from ouvert.accounts.models import UserRole
from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _index(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_back_office_is_closed_to_participants_moderators_and_evaluators(client):
    for roles in ([], [Role.MODERATOR], [Role.EVALUATOR], [Role.ACTOR_REPRESENTATIVE]):
        client.force_login(UserFactory(roles=roles))
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


def test_an_agent_manages_plans_but_not_people(client):
    index = _index(client, UserFactory(roles=[Role.AGENT]))
    assert reverse("admin:plans_actionplan_changelist") in index
    assert reverse("admin:accounts_user_changelist") not in index
    assert reverse("admin:pages_page_changelist") not in index
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_an_administrator_grants_a_role_and_is_recorded_as_granting_it(client):
    administrator = UserFactory(roles=[Role.ADMINISTRATOR])
    index = _index(client, administrator)
    assert reverse("admin:accounts_user_changelist") in index
    assert reverse("admin:dsfr_dsfrconfig_changelist") in index
    person = UserFactory(email="future.agente@exemple.fr", display_name="Future agente")
    url = reverse("admin:accounts_user_change", args=[person.pk])
    form = {
        "email": person.email,
        "display_name": person.display_name,
        "language": "fr",
        "is_active": "on",
        "email_confirmed_at_0": "2026-11-27",
        "email_confirmed_at_1": "10:00:00",
        "role_grants-TOTAL_FORMS": "1",
        "role_grants-INITIAL_FORMS": "0",
        "role_grants-MIN_NUM_FORMS": "0",
        "role_grants-MAX_NUM_FORMS": "1000",
        "role_grants-0-role": Role.AGENT,
        "role_grants-0-user": str(person.pk),
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    grant = UserRole.objects.get(user=person)
    assert (grant.role, grant.granted_by) == (Role.AGENT, administrator)
    person.refresh_from_db()
    assert person.is_staff


def test_the_user_list_searches_by_email_and_shows_roles(client):
    UserFactory(email="cherchee@exemple.fr", roles=[Role.EVALUATOR])
    _index(client, UserFactory(is_superuser=True))
    page = client.get(reverse("admin:accounts_user_changelist"), {"q": "cherchee"}).content.decode()
    assert "cherchee@exemple.fr" in page
    assert "Évaluateur·rice" in page
