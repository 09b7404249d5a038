"""The 2021-2023 national action plan and the phases of its cycle, as the demo shows them."""

import datetime

from ouvert.plans.models import ActionPlan, Phase
from ouvert.plans.services import PhaseData, plan_upsert

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


def load(*, stdout) -> None:
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
