"""The CSV round trip and the refusal of broken files."""

import pytest

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.models import Actor
from ouvert.actors.tests.factories import ActorFactory
from ouvert.core.models import HistoryEntry
from ouvert.plans import interchange
from ouvert.plans.models import ActionPlan, Commitment, Milestone, PolicyArea
from ouvert.plans.tests.factories import ActionPlanFactory, CommitmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def _export():
    return (
        interchange.export_commitments(interchange.commitments_for_export()),
        interchange.export_milestones(interchange.milestones_for_export()),
    )


def _wipe():
    Milestone.objects.all().delete()
    Commitment.objects.all().delete()
    ActionPlan.objects.all().delete()
    PolicyArea.objects.all().delete()
    Actor.objects.all().delete()


def test_export_then_import_into_an_empty_database_gives_identical_files():
    plan = ActionPlanFactory(slug="2024-2026", title="Plan 2024-2026")
    commitment = CommitmentFactory(
        plan=plan,
        reference="FR0100",
        number=1,
        ogp_id="FR0100",
        title='Un titre avec des "guillemets", des virgules ; et des accents',
        problem="Un problème\nsur deux lignes.",
        theme="transparency",
        ogp_values=["access_to_information", "civic_participation"],
        links=[{"title": "Rapport | annuel", "url": "https://exemple.gouv.fr/rapport"}],
        partners=[ActorFactory(name="Association B"), ActorFactory(name="Association A")],
    )
    commitment.policy_areas.create(name="Open Data")
    MilestoneFactory(
        commitment=commitment, reference="FR0100-1", status="completed", completed_on="2025-01-15"
    )
    MilestoneFactory(commitment=commitment, reference="FR0100-2", weight=3)
    CommitmentFactory(
        plan=plan, reference="FR0101", status=Commitment.Status.DRAFT, lead_institution=None
    )
    first = _export()

    _wipe()
    report = interchange.import_files(
        acting_user=UserFactory(), commitments=first[0], milestones=first[1]
    )
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    assert _export() == first


def test_reloading_a_corrected_file_updates_in_place_and_an_unchanged_one_writes_nothing():
    agent = UserFactory(roles=[Role.AGENT])
    CommitmentFactory(reference="FR0200", title="Ancien titre")
    commitments, milestones = _export()
    report = interchange.import_files(
        acting_user=agent, commitments=commitments, milestones=milestones
    )
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    history = HistoryEntry.objects.count()

    corrected = commitments.replace("Ancien titre", "Nouveau titre")
    report = interchange.import_files(acting_user=agent, commitments=corrected.encode("utf-8-sig"))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    assert Commitment.objects.get(reference="FR0200").title == "Nouveau titre"
    assert Commitment.objects.count() == 1
    assert HistoryEntry.objects.count() == history + 1


HEADER = "reference,plan,title,status,theme,lead_institution\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            HEADER + "A,2024-2026,Titre,published,transparency,\nB,2024-2026,,published,,\n",
            "ligne 3",
        ),
        (HEADER + "A,2024-2026,Titre,publie,,\n", "status : « publie »"),
        (HEADER + "A,2024-2026,Titre,draft,climat,\n", "theme : « climat »"),
        (
            HEADER + "A,2024-2026,Un,draft,,\nA,2024-2026,Deux,draft,,\n",
            "la référence A est déjà en ligne 2",
        ),
        ("reference,plan,title,colour\nA,2024-2026,Titre,bleu\n", "colonnes inconnues : colour"),
        ("reference,title\nA,Titre\n", "colonnes manquantes : plan"),
        (HEADER + "A,2024-2026,Titre,draft,,,en trop\n", "plus de cellules que de colonnes"),
        ("reference,plan,title\nA,2024-2026,Étude\n".encode("cp1252"), "pas en UTF-8"),
    ],
)
def test_a_broken_commitments_file_is_refused_with_its_line_and_writes_nothing(content, expected):
    with pytest.raises(interchange.ImportFailed) as failed:
        interchange.import_files(acting_user=UserFactory(), commitments=content)
    assert any(expected in error for error in failed.value.report.errors), (
        failed.value.report.errors
    )
    assert not Commitment.objects.exists()
    assert not ActionPlan.objects.exists()
    assert not HistoryEntry.objects.exists()


def test_a_broken_milestone_rolls_back_the_commitments_too():
    commitments = HEADER + "A,2024-2026,Titre,draft,,Ministère de l'Exemple\n"
    milestones = (
        "reference,commitment,title,ends_on,weight\n"
        "A-1,A,Premier,2025-06-30,1\n"
        "A-2,A,Deuxième,30/06/2025,1\n"
        "A-3,INCONNU,Troisième,2025-06-30,1\n"
    )
    with pytest.raises(interchange.ImportFailed) as failed:
        interchange.import_files(
            acting_user=UserFactory(), commitments=commitments, milestones=milestones
        )
    errors = failed.value.report.errors
    assert errors == [
        "jalons.csv, ligne 3 : « 30/06/2025 » n'est pas une date (AAAA-MM-JJ)",
        "jalons.csv, ligne 4 : engagement inconnu : INCONNU",
    ]
    assert not Commitment.objects.exists()
    assert not Actor.objects.exists()
    assert not Milestone.objects.exists()
