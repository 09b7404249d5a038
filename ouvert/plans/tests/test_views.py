import datetime

import pytest
from django.urls import reverse

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.core.testing.queries import assert_constant_queries
from ouvert.plans.models import ActionPlan, Phase
from ouvert.plans.tests.factories import ActionPlanFactory, PhaseFactory

pytestmark = pytest.mark.django_db


def test_plan_page_shows_its_timeline(client):
    plan = ActionPlanFactory(slug="2021-2023", title="Plan 2021-2023")
    PhaseFactory(plan=plan, kind=Phase.Kind.FORUMS, title="Forums Open d'État")
    page = client.get(reverse("plans:detail", kwargs={"slug": "2021-2023"})).content.decode()
    assert "Plan 2021-2023" in page
    assert "Forums Open d&#x27;État" in page
    assert "Du 1 mars 2021 au 31 juillet 2021" in page


def test_home_shows_the_current_phase(client, time_machine):
    time_machine.move_to(datetime.datetime(2021, 4, 1, 12, tzinfo=datetime.UTC))
    plan = ActionPlanFactory(slug="2021-2023", title="Plan 2021-2023")
    PhaseFactory(plan=plan, kind=Phase.Kind.CONCERTATION)
    page = client.get("/").content.decode()
    assert "Phase en cours : Concertation" in page


def test_a_draft_plan_is_hidden_from_the_public_everywhere_and_shown_to_agents(client):
    ActionPlanFactory(slug="2025-2027", title="Plan brouillon", status=ActionPlan.Status.DRAFT)
    detail = reverse("plans:detail", kwargs={"slug": "2025-2027"})
    assert client.get(detail).status_code == 404
    assert client.get(reverse("plans:history", kwargs={"slug": "2025-2027"})).status_code == 404
    assert "Plan brouillon" not in client.get(reverse("plans:list")).content.decode()
    assert client.get("/api/plans/2025-2027").status_code == 404
    assert "Plan brouillon" not in client.get("/api/plans/").content.decode()
    assert "Plan brouillon" not in client.get("/donnees/plans-action.csv").getvalue().decode()

    client.force_login(UserFactory(roles=[Role.AGENT]))
    assert client.get(detail).status_code == 200
    assert "Plan brouillon" in client.get(reverse("plans:list")).content.decode()


def test_plan_list_costs_the_same_queries_for_one_plan_or_twenty(client):
    plan = ActionPlanFactory()
    PhaseFactory(plan=plan)

    def grow():
        for _ in range(20):
            PhaseFactory(plan=ActionPlanFactory())

    assert_constant_queries(client, reverse("plans:list"), grow)


def test_api_plans_with_phases(client):
    plan = ActionPlanFactory(slug="2021-2023")
    PhaseFactory(plan=plan, kind=Phase.Kind.CONCERTATION)
    PhaseFactory(
        plan=plan,
        kind=Phase.Kind.EVALUATION,
        starts_on=datetime.date(2023, 9, 1),
        ends_on=datetime.date(2023, 12, 31),
    )
    data = client.get("/api/plans/2021-2023").json()
    assert data["starts_on"] == "2021-03-01"
    assert data["ends_on"] == "2023-12-31"
    assert [phase["kind"] for phase in data["phases"]] == ["concertation", "evaluation"]
    assert data["url"].endswith("/plans/2021-2023/")
