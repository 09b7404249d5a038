"""The 2021-2023 national action plan and the phases of its cycle, as the demo shows them."""

import datetime

from ouvert.accounts.models import User
from ouvert.actors.models import Actor
from ouvert.core.services import save_with_history
from ouvert.plans.demo_commitments import COMMITMENTS, PLANS
from ouvert.plans.models import ActionPlan, Commitment, Milestone, PartnerAssessment, Phase
from ouvert.plans.services import (
    EvidenceData,
    PhaseData,
    commitment_save,
    evaluation_save,
    milestone_save,
    partner_assessment_give,
    plan_upsert,
    progress_update_post,
)

SUMMARY = """\
Le plan d'action national 2021-2023 pour un gouvernement ouvert a été élaboré par la Direction
interministérielle de la transformation publique (DITP) avec la société civile : citoyennes et
citoyens, associations, laboratoires d'idées et entreprises.

Ses engagements portent sur la transparence de l'action publique, l'ouverture des données et des
codes sources, la participation citoyenne, l'écologie, l'inclusion numérique, la lutte contre les
violences faites aux femmes ou l'alimentation durable.
"""

SUMMARY_EN = """\
France's 2021-2023 national Open Government action plan was drawn up by the Interministerial
Directorate for Public Transformation (DITP) together with civil society: citizens, associations,
think tanks and companies.

Its commitments cover the transparency of public action, open data and open source code, citizen
participation, ecology, digital inclusion, violence against women and sustainable food.
"""

PHASES = [
    PhaseData(
        kind=Phase.Kind.CONCERTATION,
        starts_on=datetime.date(2021, 3, 1),
        ends_on=datetime.date(2021, 7, 31),
        description=(
            "Un webinaire toutes les deux semaines, des ateliers ouverts à la société civile et des "
            "entretiens individuels avec les administrations et les associations."
        ),
        description_en=(
            "A webinar every two weeks, workshops open to civil society and individual interviews "
            "with administrations and associations."
        ),
    ),
    PhaseData(
        kind=Phase.Kind.FORUMS,
        title="Forums Open d'État",
        title_en="Open State Forums",
        starts_on=datetime.date(2021, 5, 1),
        ends_on=datetime.date(2021, 7, 15),
        description="Trois forums ouverts pour discuter les projets d'engagements.",
        description_en="Three open forums to discuss the draft commitments.",
    ),
    PhaseData(
        kind=Phase.Kind.DRAFTING,
        starts_on=datetime.date(2021, 7, 16),
        ends_on=datetime.date(2021, 9, 14),
        description="Rédaction des engagements avec les administrations responsables.",
        description_en="Drafting of the commitments with the responsible administrations.",
    ),
    PhaseData(
        kind=Phase.Kind.PUBLICATION,
        starts_on=datetime.date(2021, 9, 15),
        ends_on=datetime.date(2021, 9, 30),
        description="Publication du plan d'action et transmission au Partenariat pour un gouvernement ouvert.",
        description_en="Publication of the action plan and submission to the Open Government Partnership.",
    ),
    PhaseData(
        kind=Phase.Kind.IMPLEMENTATION,
        starts_on=datetime.date(2021, 10, 1),
        ends_on=datetime.date(2023, 8, 31),
        description="Mise en œuvre des engagements, suivie publiquement jalon par jalon.",
        description_en="Implementation of the commitments, tracked in public milestone by milestone.",
    ),
    PhaseData(
        kind=Phase.Kind.EVALUATION,
        starts_on=datetime.date(2023, 9, 1),
        ends_on=datetime.date(2023, 12, 31),
        description="Évaluation du plan, dont un forum multi-acteurs avec la société civile.",
        description_en="Evaluation of the plan, including a multi-stakeholder forum with civil society.",
    ),
]


# Illustrative follow-up of two commitments: milestones and updates are not on the OGP record.
DEMO_PARTNER = "Association Transparence Locale"
DEMO_PARTNERS = {"FR0049": [DEMO_PARTNER]}
MILESTONES = {
    "FR0049": [
        (
            "FR0049-1",
            "Ouvrir le répertoire des représentants d'intérêts en données ouvertes",
            "Le répertoire publié sur data.gouv.fr, mis à jour chaque jour.",
            datetime.date(2018, 7, 1),
            datetime.date(2019, 3, 31),
            2,
            "completed",
            datetime.date(2019, 3, 15),
        ),
        (
            "FR0049-2",
            "Publier les activités déclarées par les représentants d'intérêts",
            "Les déclarations d'activité consultables et téléchargeables.",
            datetime.date(2019, 1, 1),
            datetime.date(2019, 12, 31),
            2,
            "completed",
            datetime.date(2019, 11, 30),
        ),
        (
            "FR0049-3",
            "Étendre le répertoire aux collectivités territoriales",
            "Le décret d'extension et son application.",
            datetime.date(2020, 1, 1),
            datetime.date(2020, 12, 31),
            1,
            "in_progress",
            None,
        ),
    ],
    "FR0035": [
        (
            "FR0035-1",
            "Publier un guide sur la transparence des algorithmes publics",
            "Le guide publié et diffusé aux administrations.",
            datetime.date(2018, 6, 1),
            datetime.date(2019, 6, 30),
            1,
            "completed",
            datetime.date(2019, 6, 1),
        ),
        (
            "FR0035-2",
            "Accompagner les administrations dans l'inventaire de leurs algorithmes",
            "Au moins cinq administrations accompagnées.",
            datetime.date(2019, 7, 1),
            datetime.date(2020, 12, 31),
            2,
            "in_progress",
            None,
        ),
    ],
}


def _actor(name: str, kind: str) -> Actor:
    actor = Actor.objects.filter(name__iexact=name).first()
    if actor is None:
        actor = Actor(name=name, kind=kind)
        save_with_history(instance=actor, acting_user=None, data={})
    return actor


def _load_commitments() -> int:
    plans = {
        slug: plan_upsert(
            acting_user=None, slug=slug, data={**values, "status": ActionPlan.Status.PUBLISHED}
        )
        for slug, values in PLANS.items()
    }
    for (
        reference, plan_slug, number, ogp_id, title, title_en, theme, lead, partners, areas,
        verifiable, relevant, relevant_values, ambition, completion, opened, starred, source,
    ) in COMMITMENTS:  # fmt: skip
        commitment = commitment_save(
            acting_user=None,
            commitment=Commitment.objects.filter(reference=reference).first(),
            plan=plans[plan_slug],
            data={
                "reference": reference,
                "number": number,
                "ogp_id": ogp_id,
                "title": title,
                "title_en": title_en,
                "theme": theme,
                "status": Commitment.Status.PUBLISHED,
                "ogp_values": relevant_values,
                "lead_institution": _actor(lead, Actor.Kind.PUBLIC_BODY) if lead else None,
                "links": [{"title": "Fiche de l'engagement sur le site du PGO", "url": source}],
            },
            policy_areas=areas,
            supporting_institutions=[
                *(_actor(name, Actor.Kind.PUBLIC_BODY) for name in partners),
                *(
                    _actor(name, Actor.Kind.ASSOCIATION)
                    for name in DEMO_PARTNERS.get(reference, [])
                ),
            ],
        )
        facts = {
            "verifiable": verifiable,
            "relevant": relevant,
            "relevant_values": relevant_values,
            "ambition": ambition,
            "completion": completion,
            "opened_government": opened,
            "starred": starred,
        }
        if any(value not in (None, "", []) for value in facts.values()):
            evaluation_save(acting_user=None, commitment=commitment, data=facts)
    return len(COMMITMENTS)


def _load_follow_up() -> None:
    agent = User.objects.filter(email="agent@ouvert.localhost").first()
    partner_user = User.objects.filter(email="association@ouvert.localhost").first()
    partner = _actor(DEMO_PARTNER, Actor.Kind.ASSOCIATION)
    for reference, milestones in MILESTONES.items():
        commitment = Commitment.objects.get(reference=reference)
        for (
            milestone_reference,
            title,
            deliverable,
            start,
            end,
            weight,
            status,
            completed,
        ) in milestones:
            milestone_save(
                acting_user=None,
                milestone=Milestone.objects.filter(reference=milestone_reference).first(),
                commitment=commitment,
                data={
                    "reference": milestone_reference,
                    "title": title,
                    "deliverable": deliverable,
                    "starts_on": start,
                    "ends_on": end,
                    "weight": weight,
                    "status": status,
                    "completed_on": completed,
                },
            )
        if agent is not None and commitment.lead_institution and not commitment.updates.exists():
            progress_update_post(
                acting_user=agent,
                commitment=commitment,
                institution=commitment.lead_institution,
                text="Point d'étape de démonstration : les premiers jalons sont réalisés, le dernier est en cours.",
                evidence=[
                    EvidenceData(
                        title="Fiche de l'engagement sur le site du PGO",
                        url=commitment.links[0]["url"],
                    )
                ],
            )
    extension = Milestone.objects.get(reference="FR0049-3")
    if (
        partner_user is not None
        and not PartnerAssessment.objects.filter(milestone=extension, partner=partner).exists()
    ):
        partner_assessment_give(
            acting_user=partner_user,
            milestone=extension,
            partner=partner,
            position=PartnerAssessment.Position.DISAGREE,
            comment="Le décret d'extension n'est pas encore publié : le jalon ne peut pas être considéré comme en cours.",
        )


def load(*, stdout) -> None:
    count = _load_commitments()
    _load_follow_up()
    stdout.write(
        f"  {count} commitments of the 2015-2017 and 2018-2020 plans, with illustrative follow-up"
    )
    plan = plan_upsert(
        acting_user=None,
        slug="2021-2023",
        data={
            "title": "Plan d'action national pour un gouvernement ouvert 2021-2023",
            "title_en": "National Open Government action plan 2021-2023",
            "summary": SUMMARY,
            "summary_en": SUMMARY_EN,
            "status": ActionPlan.Status.PUBLISHED,
            "ogp_url": "https://www.opengovpartnership.org/members/france/",
        },
        phases=PHASES,
    )
    stdout.write(f"  {plan}: {plan.phases.count()} phases")
