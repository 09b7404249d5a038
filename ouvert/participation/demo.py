"""The concertation of the 2021-2023 plan as the demo shows it: a webinar every two weeks,
workshops, the three "Forums Open d'État", the multi-stakeholder evaluation forum, and proposals
with their public answers.

The shape of the cycle is the real one (see plans/demo.py); the dates, places and texts of the
events and proposals are illustrative.
"""

import datetime

from django.utils import timezone

from ouvert.accounts.models import User
from ouvert.core.services import save_with_history
from ouvert.participation.models import (
    Answer,
    Event,
    EventFormat,
    EventKind,
    EventSeries,
    Proposal,
    ProposalCall,
)
from ouvert.participation.services import (
    answer_save,
    comment_moderate,
    comment_post,
    event_save,
    proposal_moderate,
)
from ouvert.plans.models import ActionPlan, Phase

PARIS = "Paris"


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    # In UTC, as the database gives them back: loading the demo again then changes nothing.
    local = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
    return local.astimezone(datetime.UTC)


WEBINARS = [datetime.date(2021, 3, 4) + datetime.timedelta(weeks=2 * n) for n in range(10)]
WORKSHOPS = [
    ("atelier-transparence-2021", "Atelier : transparence de l'action publique", datetime.date(2021, 3, 25)),
    ("atelier-participation-2021", "Atelier : participation citoyenne et concertation", datetime.date(2021, 4, 15)),
    ("atelier-donnees-codes-2021", "Atelier : données, algorithmes et codes sources ouverts", datetime.date(2021, 5, 6)),
    ("atelier-ecologie-2021", "Atelier : transition écologique et gouvernement ouvert", datetime.date(2021, 6, 3)),
]  # fmt: skip
FORUMS = [
    ("forum-open-etat-1", "Forum Open d'État n° 1", datetime.date(2021, 5, 20)),
    ("forum-open-etat-2", "Forum Open d'État n° 2", datetime.date(2021, 6, 17)),
    ("forum-open-etat-3", "Forum Open d'État n° 3", datetime.date(2021, 7, 8)),
]
MINUTES = (
    "Une soixantaine de participantes et participants : associations, chercheurs, agents publics.\n\n"
    "- Les projets d'engagements ont été présentés par les administrations responsables ;\n"
    "- les participants ont proposé des amendements, repris dans les propositions publiées ;\n"
    "- chaque proposition reçoit une réponse publique de l'administration."
)

PROPOSALS = [
    # (author e-mail, kind, title, body, answer status or "", answer text)
    (
        "citoyenne@ouvert.localhost",
        Proposal.Kind.COMMITMENT_IDEA,
        "Publier les comptes rendus des comités de pilotage des engagements",
        "Chaque engagement a un comité de pilotage : publier ses comptes rendus permettrait de suivre les décisions, pas seulement les résultats.",
        "accepted",
        "Retenue : les comptes rendus seront publiés avec chaque point d'avancement, comme preuves.",
    ),
    (
        "association@ouvert.localhost",
        Proposal.Kind.WORKSHOP,
        "Un atelier sur la transparence des collectivités territoriales",
        "Nous proposons d'animer un atelier avec des élus et des associations locales sur l'ouverture des données des collectivités.",
        "partly_accepted",
        "Retenue en partie : l'atelier est intégré au deuxième Forum Open d'État plutôt qu'organisé à part.",
    ),
    (
        "association@ouvert.localhost",
        Proposal.Kind.COLLABORATION,
        "Former des médiateurs numériques aux données publiques",
        "Notre réseau peut co-construire un module de formation pour les médiateurs numériques.",
        "under_study",
        "À l'étude avec le programme Société numérique ; réponse définitive à la fin de la concertation.",
    ),
    (
        "citoyenne@ouvert.localhost",
        Proposal.Kind.COMMITMENT_IDEA,
        "Un registre public des consultations en cours",
        "Un seul endroit pour connaître toutes les consultations publiques de l'État, leurs dates et leurs suites.",
        "declined",
        "Non retenue pour ce plan : le site Vie publique recense déjà les consultations ; nous y ajouterons un lien.",
    ),
    (
        "citoyenne@ouvert.localhost",
        Proposal.Kind.COLLABORATION,
        "Traduire les engagements en langage clair",
        "Proposer une version en langage clair de chaque engagement, relue par des citoyennes et citoyens.",
        "",
        "",
    ),
]


def _event(slug: str, data: dict) -> Event:
    return event_save(
        acting_user=None, event=Event.objects.filter(slug=slug).first(), data={"slug": slug, **data}
    )


def load(*, stdout) -> None:
    plan = ActionPlan.objects.filter(slug="2021-2023").first()
    if plan is None:
        stdout.write("  no 2021-2023 plan: participation demo skipped")
        return
    phases = {phase.kind: phase for phase in plan.phases.all()}
    series = EventSeries.objects.filter(slug="webinaires-gouvernement-ouvert").first()
    if series is None:
        series = EventSeries(slug="webinaires-gouvernement-ouvert")
    save_with_history(
        instance=series,
        acting_user=None,
        data={
            "title": "Les webinaires du gouvernement ouvert",
            "title_en": "Open Government webinars",
            "description": "Un webinaire toutes les deux semaines pendant la concertation : un thème, des administrations, vos questions.",
            "plan": plan,
        },
    )
    common = {"plan": plan, "status": Event.Status.PUBLISHED}
    for number, day in enumerate(WEBINARS, start=1):
        _event(
            f"webinaire-gouvernement-ouvert-{day:%Y-%m-%d}",
            {
                **common,
                "series": series,
                "phase": phases.get(Phase.Kind.CONCERTATION),
                "kind": EventKind.WEBINAR,
                "format": EventFormat.ONLINE,
                "title": f"Webinaire du gouvernement ouvert n° {number}",
                "starts_at": _at(day, 12, 30),
                "ends_at": _at(day, 13, 30),
                "capacity": 100,
                "online_url": "https://webinaire.exemple.gouv.fr/gouvernement-ouvert",
            },
        )
    for slug, title, day in WORKSHOPS:
        _event(
            slug,
            {
                **common,
                "phase": phases.get(Phase.Kind.CONCERTATION),
                "kind": EventKind.WORKSHOP,
                "format": EventFormat.HYBRID,
                "title": title,
                "starts_at": _at(day, 14),
                "ends_at": _at(day, 17),
                "capacity": 30,
                "venue": "Direction interministérielle de la transformation publique",
                "address": "20 avenue de Ségur, 75007 Paris",
                "online_url": "https://webinaire.exemple.gouv.fr/atelier",
                "minutes": MINUTES,
            },
        )
    for slug, title, day in FORUMS:
        _event(
            slug,
            {
                **common,
                "phase": phases.get(Phase.Kind.FORUMS),
                "kind": EventKind.FORUM,
                "format": EventFormat.IN_PERSON,
                "title": title,
                "description": "Un forum ouvert pour discuter les projets d'engagements avec les administrations.",
                "starts_at": _at(day, 9, 30),
                "ends_at": _at(day, 17),
                "capacity": 120,
                "venue": "Centre de conférences ministériel",
                "address": "27 rue de la Convention, 75015 Paris",
                "minutes": MINUTES,
            },
        )
    _event(
        "forum-multi-acteurs-evaluation-2023",
        {
            **common,
            "phase": phases.get(Phase.Kind.EVALUATION),
            "kind": EventKind.MULTI_STAKEHOLDER_FORUM,
            "format": EventFormat.HYBRID,
            "title": "Forum multi-acteurs : l'évaluation du plan 2021-2023",
            "description": "Administrations, société civile et évaluateurs dressent ensemble le bilan du plan.",
            "starts_at": _at(datetime.date(2023, 10, 12), 9, 30),
            "ends_at": _at(datetime.date(2023, 10, 12), 16, 30),
            "capacity": 80,
            "venue": "Direction interministérielle de la transformation publique",
            "address": "20 avenue de Ségur, 75007 Paris",
            "online_url": "https://webinaire.exemple.gouv.fr/evaluation",
        },
    )
    _load_proposals(phases.get(Phase.Kind.CONCERTATION))
    stdout.write(
        f"  {Event.objects.count()} events ({len(WEBINARS)} webinars in a series), "
        f"{Proposal.objects.count()} proposals"
    )


def _load_proposals(phase: Phase | None) -> None:
    if phase is None:
        return
    call = ProposalCall.objects.filter(phase=phase).first()
    if call is None:
        call = ProposalCall(phase=phase)
    save_with_history(
        instance=call,
        acting_user=None,
        data={
            "opens_at": _at(phase.starts_on, 0),
            "closes_at": _at(phase.ends_on, 23, 59),
            "answer_within_days": 60,
            "intro": "Proposez des ateliers, des collaborations et des idées d'engagements pour le plan 2021-2023.",
        },
    )
    agent = User.objects.filter(email="agent@ouvert.localhost").first()
    moderator = User.objects.filter(email="moderation@ouvert.localhost").first()
    if agent is None or moderator is None:
        return
    for index, (email, kind, title, body, status, text) in enumerate(PROPOSALS):
        author = User.objects.filter(email=email).first()
        proposal = Proposal.objects.filter(title=title, author=author).first()
        if proposal is None:
            # The call closed in 2021: the demo dates its proposals and answers as they were then.
            submitted = call.opens_at + datetime.timedelta(days=10 + 7 * index)
            proposal = Proposal.objects.create(
                call=call, kind=kind, title=title, body=body, author=author, submitted_at=submitted
            )
            proposal = proposal_moderate(acting_user=moderator, proposal=proposal, publish=True)
            published = submitted + datetime.timedelta(days=2)
            Proposal.objects.filter(pk=proposal.pk).update(published_at=published)
            if status:
                answer_save(acting_user=agent, proposal=proposal, status=status, text=text)
                answered = published + datetime.timedelta(days=15 * (index + 1))
                Answer.objects.filter(proposal=proposal).update(
                    first_answered_at=answered, updated_at=answered
                )
                comment = comment_post(
                    acting_user=agent,
                    target=proposal,
                    body="Merci pour cette proposition, discutée lors du dernier atelier.",
                )
                comment_moderate(acting_user=moderator, comment=comment, publish=True)
