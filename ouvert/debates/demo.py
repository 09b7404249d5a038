"""A debate of the 2021-2023 "Forums Open d'État", as the demo shows it: a draft commitment put to
the debate, votes, arguments, a comment on a paragraph proposing a rewording, and the response
that revised the text and published the commitment. Plus a second draft, not yet debated, for
public agents to try.

The shape is the real one (the forums discussed draft commitments between the workshops and the
publication of the plan); the commitments, texts and dates are illustrative, not OGP records.
"""

import datetime

from django.utils import timezone

from ouvert.accounts.models import User
from ouvert.debates.models import (
    Argument,
    Debate,
    DebateResponse,
    Paragraph,
    Subject,
    TextVersion,
    Vote,
)
from ouvert.debates.services import (
    argument_moderate,
    argument_post,
    argument_support_set,
    debate_open,
    debate_respond,
    paragraph_comment_post,
    vote_cast,
)
from ouvert.participation.models import Comment
from ouvert.participation.services import comment_moderate
from ouvert.plans.models import ActionPlan, Commitment
from ouvert.plans.services import commitment_save

DEBATED = {
    "reference": "PGO2021-ALGO",
    "title": "Ouvrir les codes sources et expliquer les algorithmes publics",
    "theme": "transparency",
    "problem": (
        "Les administrations utilisent des algorithmes pour prendre ou préparer des décisions "
        "individuelles : le calcul d'une aide, l'affectation d'un élève, le ciblage d'un contrôle.\n\n"
        "Les personnes concernées savent rarement qu'un algorithme a servi, ni comment il "
        "fonctionne, alors que la loi pour une République numérique de 2016 leur donne le droit "
        "d'en être informées."
    ),
    "description": (
        "Chaque ministère publiera l'inventaire des principaux algorithmes qu'il utilise pour "
        "prendre des décisions individuelles.\n\n"
        "Les codes sources développés par l'administration seront publiés par défaut sous une "
        "licence libre, sauf exception motivée.\n\n"
        "Un guide expliquera aux agents comment informer les usagers de l'usage d'un algorithme."
    ),
    "objectives": (
        "Rendre effectif le droit de chacun à comprendre une décision prise à son sujet.\n\n"
        "Faire des codes sources publics un bien commun réutilisable."
    ),
}
REVISED_TITLE = "Ouvrir les codes sources et rendre compte des algorithmes publics"
REVISED_DESCRIPTION = (
    "Chaque ministère publiera l'inventaire des principaux algorithmes qu'il utilise pour prendre "
    "des décisions individuelles, et le mettra à jour chaque année en données ouvertes.\n\n"
    "Les codes sources développés par l'administration seront publiés par défaut sous une licence "
    "libre ; chaque exception sera motivée et publiée.\n\n"
    "Un guide expliquera aux agents comment informer les usagers de l'usage d'un algorithme."
)
NOT_YET_DEBATED = {
    "reference": "PGO2021-CONSULT",
    "title": "Rendre compte des suites données aux consultations publiques",
    "theme": "participation",
    "problem": (
        "Les consultations publiques se multiplient, mais leurs participants apprennent rarement "
        "ce que l'administration a fait de leurs contributions."
    ),
    "description": (
        "Chaque consultation publique de l'État publiera, dans les trois mois suivant sa clôture, "
        "une synthèse des contributions et les suites qui leur sont données."
    ),
    "objectives": "Que chaque contribution reçoive une réponse.",
}


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _draft(plan: ActionPlan, agent: User, values: dict) -> Commitment:
    existing = Commitment.objects.filter(reference=values["reference"]).first()
    if existing is not None:
        return existing
    return commitment_save(
        acting_user=agent,
        commitment=None,
        plan=plan,
        data={**values, "status": Commitment.Status.DRAFT},
    )


def _debate(plan: ActionPlan, commitment: Commitment, people: dict[str, User]) -> Debate:
    """Hold the debate now (the services refuse votes outside its dates), then date it as the
    2021 forums were held."""
    agent, moderator = people["agent"], people["moderation"]
    now = timezone.now()
    debate = debate_open(
        acting_user=agent,
        plan=plan,
        subject=Subject.COMMITMENT,
        commitment=commitment,
        opens_at=now - datetime.timedelta(minutes=1),
        closes_at=now + datetime.timedelta(hours=1),
        introduction=(
            "Ce projet d'engagement a été préparé avec les administrations après les ateliers de la "
            "concertation. Votez, dites pourquoi, et commentez le paragraphe précis dont vous "
            "parlez : l'administration répondra publiquement après la clôture."
        ),
    )
    for email, choice, kind in (
        ("citoyenne", "for", "citizen"),
        ("association", "for", "association"),
        ("moderation", "against", "citizen"),
        ("evaluation", "abstain", ""),
    ):
        vote_cast(acting_user=people[email], debate=debate, choice=choice, kind=kind)
    pro = argument_post(
        acting_user=people["association"],
        debate=debate,
        side="pro",
        body=(
            "Un inventaire public permet enfin aux associations d'accompagner les personnes "
            "concernées par une décision prise à l'aide d'un algorithme."
        ),
    )
    con = argument_post(
        acting_user=people["citoyenne"],
        debate=debate,
        side="con",
        body=(
            "Sans calendrier, « par défaut » restera une intention : le texte doit dire quand les "
            "inventaires seront publiés et mis à jour."
        ),
    )
    pro, con = (
        argument_moderate(acting_user=moderator, argument=argument, publish=True)
        for argument in (pro, con)
    )
    argument_support_set(acting_user=people["citoyenne"], argument=pro, supporting=True)
    argument_support_set(acting_user=people["evaluation"], argument=con, supporting=True)
    argument_support_set(acting_user=people["moderation"], argument=con, supporting=True)
    sources = Paragraph.objects.get(debate=debate, number=4)
    comment = paragraph_comment_post(
        acting_user=people["citoyenne"],
        paragraph=sources,
        body="Les exceptions doivent être publiques, sinon la règle ne vaut rien.",
        suggestion=(
            "Les codes sources développés par l'administration seront publiés par défaut sous une "
            "licence libre ; chaque exception sera motivée et publiée."
        ),
    )
    comment_moderate(acting_user=moderator, comment=comment, publish=True)

    opened, closed = _at(datetime.date(2021, 5, 20), 9, 30), _at(datetime.date(2021, 6, 17), 18)
    Debate.objects.filter(pk=debate.pk).update(opens_at=opened, closes_at=closed, created_at=opened)
    TextVersion.objects.filter(debate=debate).update(created_at=opened)
    during = opened + datetime.timedelta(days=7)
    Vote.objects.filter(debate=debate).update(created_at=during, updated_at=during)
    Argument.objects.filter(debate=debate).update(
        created_at=during, published_at=during + datetime.timedelta(days=1)
    )
    Comment.objects.filter(pk=comment.pk).update(
        created_at=during, published_at=during + datetime.timedelta(days=1)
    )
    debate_respond(
        acting_user=agent,
        debate=debate,
        title=REVISED_TITLE,
        sections={
            "problem": DEBATED["problem"],
            "description": REVISED_DESCRIPTION,
            "objectives": DEBATED["objectives"],
        },
        text=(
            "Merci pour vos votes, vos arguments et vos commentaires. Le texte change sur deux "
            "points : les inventaires seront mis à jour chaque année en données ouvertes, comme "
            "l'argument le plus soutenu le demandait, et les exceptions à la publication des codes "
            "sources seront publiées avec leur motif, comme un commentaire le proposait."
        ),
        notes={
            3: "Un calendrier est ajouté : mise à jour annuelle, en données ouvertes.",
            4: "La reformulation proposée en commentaire est reprise.",
        },
        publish_commitment=True,
    )
    answered = _at(datetime.date(2021, 7, 8), 10)
    DebateResponse.objects.filter(debate=debate).update(published_at=answered)
    TextVersion.objects.filter(debate=debate, kind=TextVersion.Kind.REVISED).update(
        created_at=answered
    )
    return debate


def load(*, stdout) -> None:
    plan = ActionPlan.objects.filter(slug="2021-2023").first()
    emails = ("agent", "moderation", "citoyenne", "association", "evaluation")
    people = {
        name: User.objects.filter(email=f"{name}@ouvert.localhost").first() for name in emails
    }
    if plan is None or None in people.values():
        stdout.write("  no 2021-2023 plan or demo accounts: debates demo skipped")
        return
    commitment = _draft(plan, people["agent"], DEBATED)
    _draft(plan, people["agent"], NOT_YET_DEBATED)
    if not Debate.objects.filter(commitment=commitment).exists():
        _debate(plan, commitment, people)
    stdout.write(f"  {Debate.objects.count()} debates")
