import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.tests.factories import ActorFactory
from ouvert.plans.models import ActionPlan, Commitment, Milestone
from ouvert.plans.selectors import commitments_filtered
from ouvert.plans.selectors.commitments import CommitmentFilters, progress_percent, with_progress
from ouvert.plans.selectors.dashboard import plan_dashboard
from ouvert.plans.tests.factories import ActionPlanFactory, CommitmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)
PAST = datetime.date(2026, 1, 31)
FUTURE = datetime.date(2026, 12, 31)


def _status(commitment):
    annotated = with_progress(Commitment.objects.filter(pk=commitment.pk), TODAY).get()
    return annotated.implementation_status, progress_percent(annotated)


def test_no_milestone_means_not_started_and_no_progress():
    assert _status(CommitmentFactory()) == ("not_started", None)


def test_progress_is_weighted_and_ignores_abandoned_milestones():
    commitment = CommitmentFactory()
    MilestoneFactory(
        commitment=commitment, weight=3, status=Milestone.Status.COMPLETED, ends_on=FUTURE
    )
    MilestoneFactory(
        commitment=commitment, weight=1, status=Milestone.Status.IN_PROGRESS, ends_on=FUTURE
    )
    MilestoneFactory(
        commitment=commitment, weight=5, status=Milestone.Status.ABANDONED, ends_on=PAST
    )
    assert _status(commitment) == ("in_progress", 75)


def test_an_open_milestone_past_its_end_makes_the_commitment_late():
    commitment = CommitmentFactory()
    MilestoneFactory(commitment=commitment, status=Milestone.Status.COMPLETED, ends_on=PAST)
    MilestoneFactory(commitment=commitment, status=Milestone.Status.NOT_STARTED, ends_on=PAST)
    assert _status(commitment) == ("late", 50)


def test_completed_and_withdrawn():
    done = CommitmentFactory()
    MilestoneFactory(commitment=done, status=Milestone.Status.COMPLETED, ends_on=PAST)
    MilestoneFactory(commitment=done, status=Milestone.Status.ABANDONED, ends_on=PAST)
    assert _status(done) == ("completed", 100)
    withdrawn = CommitmentFactory(withdrawn=True)
    MilestoneFactory(commitment=withdrawn, ends_on=PAST)
    assert _status(withdrawn)[0] == "withdrawn"


def test_partners_do_not_multiply_the_sums():
    commitment = CommitmentFactory(partners=[ActorFactory(), ActorFactory(), ActorFactory()])
    MilestoneFactory(commitment=commitment, weight=2, status=Milestone.Status.COMPLETED)
    MilestoneFactory(commitment=commitment, weight=2)
    [annotated] = commitments_filtered(
        user=AnonymousUser(),
        filters=CommitmentFilters(institution=commitment.supporting_institutions.first().pk),
    )
    assert (annotated.weight_done, annotated.weight_total) == (2, 4)


def _references(filters, user=None):
    return sorted(
        c.reference for c in commitments_filtered(user=user or AnonymousUser(), filters=filters)
    )


def test_filters_combine():
    plan = ActionPlanFactory(slug="2024-2026")
    partner = ActorFactory()
    a = CommitmentFactory(
        plan=plan, reference="A", theme="environment", ogp_values=["civic_participation"]
    )
    b = CommitmentFactory(
        plan=plan,
        reference="B",
        theme="open_data",
        partners=[partner],
        ogp_values=["access_to_information"],
    )
    CommitmentFactory(reference="C", theme="environment")
    assert _references(CommitmentFilters(plan="2024-2026")) == ["A", "B"]
    assert _references(CommitmentFilters(theme="environment")) == ["A", "C"]
    assert _references(CommitmentFilters(institution=partner.pk)) == ["B"]
    assert _references(CommitmentFilters(institution=a.lead_institution_id)) == ["A"]
    assert _references(CommitmentFilters(ogp_value="civic_participation")) == ["A"]
    assert _references(CommitmentFilters(plan="2024-2026", ogp_value="access_to_information")) == [
        b.reference
    ]


def test_search_ignores_case_and_accents_and_needs_every_word():
    CommitmentFactory(reference="X", title="Égalité femmes-hommes dans l'administration")
    CommitmentFactory(reference="Y", title="Données ouvertes de l'administration")
    assert _references(CommitmentFilters(query="EGALITE administration")) == ["X"]
    assert _references(CommitmentFilters(query="donnees")) == ["Y"]
    assert _references(CommitmentFilters(query="administration")) == ["X", "Y"]
    assert _references(CommitmentFilters(query="égalité données")) == []


def test_drafts_appear_to_agents_only():
    CommitmentFactory(reference="PUBLIC")
    CommitmentFactory(reference="DRAFT", status=Commitment.Status.DRAFT)
    CommitmentFactory(
        reference="DRAFT-PLAN", plan=ActionPlanFactory(status=ActionPlan.Status.DRAFT)
    )
    assert _references(CommitmentFilters()) == ["PUBLIC"]
    assert _references(CommitmentFilters(), UserFactory(roles=[Role.MODERATOR])) == ["PUBLIC"]
    assert _references(CommitmentFilters(), UserFactory(roles=[Role.AGENT])) == [
        "DRAFT",
        "DRAFT-PLAN",
        "PUBLIC",
    ]


def test_dashboard_groups_and_lists_late_and_due_milestones():
    plan = ActionPlanFactory()
    lead = CommitmentFactory(plan=plan, theme="environment").lead_institution
    late = CommitmentFactory(plan=plan, lead_institution=lead, theme="environment")
    MilestoneFactory(commitment=late, ends_on=PAST, title="En retard")
    MilestoneFactory(commitment=late, ends_on=TODAY + datetime.timedelta(days=10), title="Bientôt")
    MilestoneFactory(commitment=late, ends_on=FUTURE, title="Plus tard")
    CommitmentFactory(plan=plan, status=Commitment.Status.DRAFT)
    dashboard = plan_dashboard(plan=plan, today=TODAY)
    assert len(dashboard.commitments) == 2
    assert [m.title for m in dashboard.late] == ["En retard"]
    assert [m.title for m in dashboard.due_soon] == ["Bientôt"]
    statuses = {bar.label: bar.value for bar in dashboard.by_status}
    assert statuses["En retard"] == 1
    assert statuses["Non commencé"] == 1
    [institution] = dashboard.by_institution
    assert (institution.actor, institution.commitments, institution.late_milestones) == (lead, 2, 1)
    assert [row.label for row in dashboard.by_theme] == ["Environnement et climat"]
