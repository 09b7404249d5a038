import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from ouvert.plans.models import ActionPlan, Phase
from ouvert.plans.selectors import plan_current, plan_timeline, plans_visible
from ouvert.plans.tests.factories import ActionPlanFactory, PhaseFactory

pytestmark = pytest.mark.django_db


def _plan(slug, start, end, status=ActionPlan.Status.PUBLISHED):
    plan = ActionPlanFactory(slug=slug, status=status)
    PhaseFactory(
        plan=plan,
        kind=Phase.Kind.CONCERTATION,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=90),
    )
    PhaseFactory(
        plan=plan,
        kind=Phase.Kind.IMPLEMENTATION,
        starts_on=start + datetime.timedelta(days=91),
        ends_on=end,
    )
    return plan


def test_timeline_statuses_on_a_given_day():
    plan = _plan("2021-2023", datetime.date(2021, 3, 1), datetime.date(2023, 8, 31))
    moment = plan_timeline(plan, datetime.date(2021, 4, 1))
    assert [step.status for step in moment.steps] == ["current", "upcoming"]
    assert moment.current.kind == "concertation"
    assert moment.next.kind == "implementation"
    after = plan_timeline(plan, datetime.date(2024, 1, 1))
    assert after.current is None
    assert after.last.kind == "implementation"


def test_current_plan_is_the_one_under_way_that_started_last():
    _plan("2018-2020", datetime.date(2018, 1, 1), datetime.date(2021, 6, 30))
    _plan("2021-2023", datetime.date(2021, 3, 1), datetime.date(2023, 8, 31))
    assert plan_current(day=datetime.date(2021, 5, 1)).plan.slug == "2021-2023"
    assert plan_current(day=datetime.date(2019, 5, 1)).plan.slug == "2018-2020"
    # After every cycle: the latest started; before any: the first to come.
    assert plan_current(day=datetime.date(2030, 1, 1)).plan.slug == "2021-2023"
    assert plan_current(day=datetime.date(2000, 1, 1)).plan.slug == "2018-2020"


def test_drafts_are_never_the_current_plan_nor_visible_to_the_public():
    _plan(
        "2025-2027",
        datetime.date(2025, 1, 1),
        datetime.date(2027, 8, 31),
        status=ActionPlan.Status.DRAFT,
    )
    assert plan_current(day=datetime.date(2025, 5, 1)) is None
    assert not plans_visible(user=AnonymousUser()).exists()
