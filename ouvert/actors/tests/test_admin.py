import pytest

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.models import ActorTally
from ouvert.actors.tests.factories import ActorFactory, gironde, recount
from ouvert.core.models import HistoryEntry

pytestmark = pytest.mark.django_db


def test_an_agent_moves_an_actor_in_the_back_office_and_the_counts_follow(client):
    places = gironde()
    actor = ActorFactory(name="Club", commune=places["bordeaux"])
    recount()
    client.force_login(UserFactory(roles=[Role.AGENT]))
    url = f"/admin/actors/actor/{actor.pk}/change/"
    assert client.get(url).status_code == 200
    form = {
        "name": "Club",
        "kind": "association",
        "status": "published",
        "mission": actor.mission,
        "themes": actor.themes,
        "commune": "75056",
        "representatives-TOTAL_FORMS": "0",
        "representatives-INITIAL_FORMS": "0",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    actor.refresh_from_db()
    assert (actor.department_code, actor.region_code, actor.latitude) == ("75", "11", 48.85659)
    assert "d75" in actor.search_tags
    departments = dict(
        ActorTally.objects.filter(level="department", theme="").values_list(
            "department_code", "actors"
        )
    )
    assert departments == {"75": 1}
    assert HistoryEntry.objects.get().changes["commune"] == ["Bordeaux (33063)", "Paris (75056)"]


def test_the_back_office_is_closed_to_moderators(client):
    client.force_login(UserFactory(roles=[Role.MODERATOR]))
    assert client.get("/admin/actors/actor/").status_code == 302
