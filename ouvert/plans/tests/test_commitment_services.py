import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.tests.factories import ActorFactory, PublicBodyFactory
from ouvert.core.selectors import history_for_object
from ouvert.plans import services
from ouvert.plans.models import Commitment, Milestone, PartnerAssessment
from ouvert.plans.tests.factories import ActionPlanFactory, CommitmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent():
    return UserFactory(roles=[Role.AGENT], display_name="Camille (DITP)")


def test_creating_a_commitment_records_its_values_in_the_history(agent):
    plan = ActionPlanFactory()
    lead = PublicBodyFactory(name="Ministère de l'Exemple")
    partner = ActorFactory(name="Association Exemple")
    commitment = services.commitment_save(
        acting_user=agent,
        commitment=None,
        plan=plan,
        data={
            "reference": "FR9999",
            "title": "Ouvrir les données de l'exemple",
            "lead_institution": lead,
            "ogp_values": ["technology_innovation", "access_to_information"],
            "links": [{"title": "Rapport", "url": "https://exemple.gouv.fr/rapport"}],
        },
        policy_areas=["Open Data", " Open Data ", "Anti-Corruption"],
        supporting_institutions=[partner, lead],
    )
    # Values follow the OGP's own order; the lead is never its own partner; areas are deduplicated.
    assert commitment.ogp_values == ["access_to_information", "technology_innovation"]
    assert list(commitment.supporting_institutions.all()) == [partner]
    assert sorted(area.name for area in commitment.policy_areas.all()) == [
        "Anti-Corruption",
        "Open Data",
    ]
    [entry] = history_for_object(commitment)
    assert entry.action == "created"
    assert entry.actor == agent
    assert entry.changes["supporting_institutions"] == [None, ["Association Exemple"]]
    assert entry.changes["lead_institution"] == [None, "Ministère de l'Exemple"]


def test_saving_the_same_values_again_changes_nothing(agent):
    commitment = CommitmentFactory(title="Titre")
    changed = services.commitment_save(
        acting_user=agent, commitment=commitment, plan=commitment.plan, data={"title": "Titre"}
    )
    assert changed == commitment
    assert not history_for_object(commitment).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"ogp_values": ["transparence"]}, "ogp_values"),
        ({"links": [{"title": "", "url": "https://exemple.fr"}]}, "links"),
        ({"title": ""}, "title"),
    ],
)
def test_invalid_commitments_are_refused_and_nothing_is_written(agent, data, field):
    plan = ActionPlanFactory()
    with pytest.raises(ValidationError) as raised:
        services.commitment_save(
            acting_user=agent,
            commitment=None,
            plan=plan,
            data={"reference": "X1", "title": "T", **data},
        )
    assert field in raised.value.message_dict
    assert not Commitment.objects.filter(reference="X1").exists()


def test_a_completed_milestone_gets_its_date_and_reopening_clears_it(agent, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC))
    milestone = MilestoneFactory()
    services.milestone_save(
        acting_user=agent,
        milestone=milestone,
        commitment=milestone.commitment,
        data={"status": "completed"},
    )
    assert milestone.completed_on == datetime.date(2026, 3, 2)
    services.milestone_save(
        acting_user=agent,
        milestone=milestone,
        commitment=milestone.commitment,
        data={"status": "in_progress"},
    )
    assert milestone.completed_on is None


def test_a_progress_update_sets_the_milestone_status_with_its_evidence(agent):
    milestone = MilestoneFactory()
    commitment = milestone.commitment
    update = services.progress_update_post(
        acting_user=agent,
        commitment=commitment,
        institution=commitment.lead_institution,
        text="Le décret est publié.",
        milestone=milestone,
        new_status=Milestone.Status.COMPLETED,
        evidence=[
            services.EvidenceData(
                title="Décret", url="https://www.legifrance.gouv.fr/jorf/id/EXEMPLE"
            ),
            services.EvidenceData(
                title="Compte rendu", document=ContentFile(b"%PDF-1.4", name="compte-rendu.pdf")
            ),
        ],
    )
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.COMPLETED
    assert [proof.title for proof in update.evidence.all()] == ["Décret", "Compte rendu"]
    assert update.evidence.last().document.name.endswith("compte-rendu.pdf")
    actions = [(entry.content_type.model, entry.action) for entry in history_for_object(commitment)]
    assert ("progressupdate", "published") in actions
    assert ("milestone", "updated") in actions
    status_change = next(
        e for e in history_for_object(commitment) if e.content_type.model == "milestone"
    )
    assert status_change.changes["status"] == ["not_started", "completed"]
    assert status_change.message.startswith("Point d'avancement du")


def test_an_update_must_come_from_the_lead_or_a_partner(agent):
    commitment = CommitmentFactory()
    stranger = PublicBodyFactory()
    with pytest.raises(ValidationError) as raised:
        services.progress_update_post(
            acting_user=agent, commitment=commitment, institution=stranger, text="x"
        )
    assert "institution" in raised.value.message_dict
    other = MilestoneFactory()
    with pytest.raises(ValidationError):
        services.progress_update_post(
            acting_user=agent,
            commitment=commitment,
            institution=commitment.lead_institution,
            text="x",
            milestone=other,
        )
    assert not commitment.updates.exists()


def test_a_partner_gives_then_revises_its_view_and_the_history_keeps_both():
    partner = ActorFactory(name="Association Partenaire")
    commitment = CommitmentFactory(partners=[partner])
    milestone = MilestoneFactory(commitment=commitment, status=Milestone.Status.IN_PROGRESS)
    author = UserFactory(roles=[Role.ACTOR_REPRESENTATIVE])
    services.partner_assessment_give(
        acting_user=author,
        milestone=milestone,
        partner=partner,
        position="disagree",
        comment="Rien n'a commencé.",
    )
    services.partner_assessment_give(
        acting_user=author,
        milestone=milestone,
        partner=partner,
        position="agree",
        comment="Le travail a commencé.",
    )
    assessment = PartnerAssessment.objects.get()
    assert (assessment.position, assessment.assessed_status) == ("agree", "in_progress")
    entries = [
        e for e in history_for_object(commitment) if e.content_type.model == "partnerassessment"
    ]
    assert [entry.action for entry in entries] == ["updated", "created"]
    assert entries[0].changes["position"] == ["disagree", "agree"]


def test_only_partners_of_the_commitment_give_a_view():
    commitment = CommitmentFactory()
    milestone = MilestoneFactory(commitment=commitment)
    with pytest.raises(ValidationError):
        services.partner_assessment_give(
            acting_user=UserFactory(),
            milestone=milestone,
            partner=commitment.lead_institution,
            position="agree",
            comment="Nous sommes d'accord avec nous-mêmes.",
        )
    assert not PartnerAssessment.objects.exists()


def test_evaluation_is_recorded_with_its_evaluator():
    evaluator = UserFactory(roles=[Role.EVALUATOR])
    commitment = CommitmentFactory()
    evaluation = services.evaluation_save(
        acting_user=evaluator,
        commitment=commitment,
        data={
            "completion": "substantial",
            "opened_government": "major",
            "relevant_values": ["civic_participation"],
        },
    )
    assert evaluation.evaluator == evaluator
    assert evaluation.get_completion_display() == "Substantiel"
    entry = history_for_object(commitment).get()
    assert entry.changes["opened_government"] == [None, "major"]
