"""A forum conversation on a draft commitment of the 2021-2023 plan, with simulated votes.

Three currents of opinion vote on the statements (transparency first, caution about the cost for
administrations, and a citizen-control current), so that the opinion map shows groups. Loaded
once: run again, it changes nothing.
"""

import numpy as np
from django.utils import timezone

from ouvert.conversations import services
from ouvert.conversations.models import Analysis, Conversation, Statement, Vote
from ouvert.plans.models import ActionPlan

SLUG = "algorithmes-publics"

DESCRIPTION = """\
Le projet d'engagement « Rendre compte des algorithmes publics » propose que chaque administration
publie la liste des algorithmes qui fondent ses décisions individuelles (calcul d'une aide,
affectation d'un élève, contrôle fiscal…) et explique leurs règles de fonctionnement.

Votez sur les propositions ci-dessous — **d'accord**, **pas d'accord** ou **je passe** — et
ajoutez les vôtres. La carte des opinions montre les groupes qui se dessinent et les points sur
lesquels tout le monde s'accorde.
"""

DESCRIPTION_EN = """\
The draft commitment "Accounting for public algorithms" proposes that every administration publish
the list of the algorithms behind its individual decisions (computing a benefit, assigning a
pupil, tax audits…) and explain how they work.

Vote on the statements below — **agree**, **disagree** or **pass** — and add your own. The
opinion map shows the groups that emerge and where everyone agrees.
"""

# (text, lean of each current: transparency, caution, citizen control), +1 agree, -1 disagree.
STATEMENTS = [
    (
        "Chaque administration devrait publier la liste des algorithmes qu'elle utilise.",
        (1, 0.3, 1),
    ),
    (
        "Le code source des algorithmes publics devrait être publié sous licence libre.",
        (1, -0.6, 0.6),
    ),
    (
        "Publier les algorithmes aiderait les fraudeurs à contourner les contrôles.",
        (-0.8, 0.8, -0.4),
    ),
    (
        "Toute personne devrait pouvoir obtenir l'explication d'une décision prise par algorithme.",
        (1, 0.6, 1),
    ),
    (
        "Les petites collectivités n'ont pas les moyens de documenter leurs algorithmes.",
        (-0.4, 0.9, -0.2),
    ),
    ("Un algorithme ne devrait jamais décider seul d'une sanction.", (0.6, 0.2, 1)),
    (
        "Il faut un inventaire national des algorithmes publics, tenu par une autorité indépendante.",
        (0.8, -0.5, 0.9),
    ),
    (
        "La transparence des algorithmes intéresse surtout les spécialistes, pas les usagers.",
        (-0.6, 0.6, -0.8),
    ),
    ("Les associations devraient pouvoir auditer les algorithmes à fort impact.", (0.5, -0.7, 1)),
    (
        "Les agents publics doivent être formés à expliquer les algorithmes qu'ils utilisent.",
        (0.8, 0.7, 0.8),
    ),
    (
        "La publication des algorithmes devrait se faire progressivement, en commençant par les plus sensibles.",
        (0.2, 0.9, 0.1),
    ),
    ("Les algorithmes d'affectation scolaire devraient être entièrement publics.", (1, -0.2, 0.9)),
    (
        "Le coût de la documentation des algorithmes est trop élevé pour un bénéfice incertain.",
        (-0.9, 0.7, -0.7),
    ),
    (
        "Les citoyens devraient être associés à la conception des algorithmes publics.",
        (0.3, -0.6, 1),
    ),
    (
        "Une plateforme unique devrait rassembler la documentation de tous les algorithmes publics.",
        (0.9, 0.1, 0.6),
    ),
    (
        "Il faut d'abord évaluer les algorithmes existants avant d'en publier la liste.",
        (-0.3, 0.8, 0.2),
    ),
    (
        "Les données d'entraînement des algorithmes d'intelligence artificielle publics devraient être ouvertes.",
        (0.7, -0.8, 0.7),
    ),
    (
        "La loi pour une République numérique suffit, il faut seulement l'appliquer.",
        (0.4, 0.5, -0.5),
    ),
]
# Statements participants proposed: one accepted, one waiting, one rejected (off topic).
PROPOSED = [
    (
        "Chaque décision prise par algorithme devrait le mentionner dans le courrier envoyé.",
        Statement.Status.ACCEPTED,
    ),
    (
        "Un médiateur des algorithmes devrait recevoir les réclamations des usagers.",
        Statement.Status.PENDING,
    ),
    ("Il faudrait surtout baisser les impôts.", Statement.Status.REJECTED),
]
CURRENTS = (0.45, 0.3, 0.25)  # share of participants in each current
PARTICIPANTS = 90


def _simulated_votes(statements: list[Statement], rng: np.random.Generator):
    """(participant index, statement, value) for each simulated vote, in voting order."""
    leans = np.array([lean for _, lean in STATEMENTS] + [(0.8, 0.5, 0.9)])
    currents = rng.choice(len(CURRENTS), size=PARTICIPANTS, p=CURRENTS)
    for participant, current in enumerate(currents):
        seen = rng.permutation(len(statements))[: rng.integers(8, len(statements) + 1)]
        for index in seen:
            lean = leans[index, current]
            draw = rng.random()
            if draw < 0.12:
                value = Vote.Value.PASS
            elif rng.random() < (1 + lean) / 2 * 0.9 + 0.05:
                value = Vote.Value.AGREE
            else:
                value = Vote.Value.DISAGREE
            yield participant, statements[index], value


def load(*, stdout) -> None:
    plan = ActionPlan.objects.filter(slug="2021-2023").first()
    if plan is None:
        stdout.write("  no 2021-2023 plan: conversation skipped")
        return
    conversation = services.conversation_upsert(
        acting_user=None,
        slug=SLUG,
        data={
            "title": "Comment rendre compte des algorithmes publics ?",
            "title_en": "How should public algorithms be accounted for?",
            "description": DESCRIPTION,
            "description_en": DESCRIPTION_EN,
            "plan": plan,
            "status": Conversation.Status.OPEN,
        },
    )
    if not conversation.statements.exists():
        for text, _ in STATEMENTS:
            services.statement_seed(conversation=conversation, text=text, acting_user=None)
        _simulate(conversation)
    if not Analysis.objects.filter(pk=conversation.pk, computed_at__isnull=False).exists():
        services.analysis_update(conversation_id=conversation.pk)
    stdout.write(
        f"  {conversation}: {conversation.statements.count()} statements, "
        f"{Vote.objects.filter(conversation=conversation).count()} votes"
    )


def _simulate(conversation: Conversation) -> None:
    rng = np.random.default_rng(2021)
    participants = [
        services.participant_create(conversation=conversation) for _ in range(PARTICIPANTS)
    ]
    for (text, status), author in zip(PROPOSED, participants, strict=False):
        statement = services.statement_submit(participant=author, text=text)
        if status != Statement.Status.PENDING:
            services.statement_moderate(statement=statement, status=status, acting_user=None)
    statements = list(
        Statement.objects.filter(
            conversation=conversation, status=Statement.Status.ACCEPTED
        ).order_by("number")
    )
    now = timezone.now()
    votes = {}
    for index, statement, value in _simulated_votes(statements, rng):
        votes[(participants[index].pk, statement.pk)] = value
    existing = set(
        Vote.objects.filter(conversation=conversation).values_list("participant_id", "statement_id")
    )
    Vote.objects.bulk_create(
        [
            Vote(
                conversation=conversation,
                participant_id=participant_id,
                statement_id=statement_id,
                value=value,
                created_at=now,
                updated_at=now,
            )
            for (participant_id, statement_id), value in votes.items()
            if (participant_id, statement_id) not in existing
        ]
    )
