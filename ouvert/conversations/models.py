"""Conversations: a question, short statements, and everyone's agree / disagree / pass on them.

The opinion map computed from the votes (ouvert.conversations.analysis) is stored in `Analysis`;
`AnalysisRequest` marks a conversation whose votes changed since, for the background worker.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.core.publicity import publish
from ouvert.plans.models import ActionPlan

STATEMENT_MAX_LENGTH = 400


class Conversation(models.Model):
    """A question put to the public, discussed in short statements everyone votes on.

    A conversation is about one subject of the public record: an action plan, one of its
    commitments or an event (a forum, a workshop); exactly one of the three (see `subject`).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("En préparation")
        OPEN = "open", _("Ouverte")
        CLOSED = "closed", _("Terminée")

    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    title = models.CharField(
        _("question"),
        max_length=300,
        help_text=_("La question posée aux participant·es, par exemple « Comment ouvrir … ? »"),
    )
    title_en = models.CharField(_("question (anglais)"), max_length=300, blank=True)
    description = models.TextField(_("présentation"), blank=True, help_text=_("En Markdown."))
    description_en = models.TextField(_("présentation (anglais)"), blank=True)
    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("plan d'action"),
        on_delete=models.PROTECT,
        related_name="conversations",
        null=True,
        blank=True,
    )
    commitment = models.ForeignKey(
        "plans.Commitment",
        verbose_name=_("engagement"),
        on_delete=models.PROTECT,
        related_name="conversations",
        null=True,
        blank=True,
    )
    event = models.ForeignKey(
        "participation.Event",
        verbose_name=_("événement"),
        on_delete=models.PROTECT,
        related_name="conversations",
        null=True,
        blank=True,
        help_text=_("Un forum ou un atelier dont la conversation prolonge les échanges."),
    )
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_(
            "En préparation, seuls les modérateur·rices la voient ; ouverte, chacun·e vote et "
            "propose ; terminée, les résultats restent consultables."
        ),
    )
    strict_moderation = models.BooleanField(
        _("modération a priori"),
        default=True,
        help_text=_(
            "Les propositions des participant·es ne sont soumises au vote qu'une fois acceptées."
        ),
    )
    accepts_statements = models.BooleanField(
        _("les participant·es proposent"),
        default=True,
        help_text=_("Les participant·es peuvent soumettre leurs propres propositions."),
    )
    anonymous_participation = models.BooleanField(
        _("participation sans compte"),
        default=True,
        help_text=_("On peut voter et proposer sans compte (un cookie retient la participation)."),
    )
    report_summary = models.TextField(
        _("synthèse du rapport"),
        blank=True,
        help_text=_("Le texte de la modération en tête du rapport, en Markdown."),
    )
    report_summary_en = models.TextField(_("synthèse du rapport (anglais)"), blank=True)
    report_published_at = models.DateTimeField(_("rapport publié le"), null=True, blank=True)
    # Counters that number participants and statements within the conversation (Pol.is pid/tid).
    participants_numbered = models.PositiveIntegerField(default=0, editable=False)
    statements_numbered = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    history_fields = (
        "slug",
        "title",
        "title_en",
        "description",
        "description_en",
        "plan",
        "commitment",
        "event",
        "status",
        "strict_moderation",
        "accepts_statements",
        "anonymous_participation",
        "report_summary",
        "report_summary_en",
        "report_published_at",
    )

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Exactly one subject: a plan, a commitment or an event.
            models.CheckConstraint(
                condition=Q(plan__isnull=False, commitment__isnull=True, event__isnull=True)
                | Q(plan__isnull=True, commitment__isnull=False, event__isnull=True)
                | Q(plan__isnull=True, commitment__isnull=True, event__isnull=False),
                name="conversations_conversation_has_one_subject",
                violation_error_message=_(
                    "Une conversation porte sur un seul sujet : un plan, un engagement ou un "
                    "événement."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("conversations:detail", kwargs={"slug": self.slug})

    @property
    def subject(self) -> models.Model | None:
        """What the conversation is about: its plan, commitment or event."""
        return self.plan or self.commitment or self.event

    @property
    def public_subject(self) -> models.Model | None:
        """Its subject if that is public: a draft commitment or event is named to no one else."""
        from ouvert.core.publicity import is_public

        subject = self.subject
        if subject is None:
            return None
        # Lists read it from an annotation of their selector; one conversation in hand asks.
        known = getattr(self, "subject_is_public", None)
        return subject if (is_public(subject) if known is None else known) else None

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_public(self) -> bool:
        """The publicity rule below, for one conversation in hand (no query)."""
        return self.status != self.Status.DRAFT

    @property
    def report_is_published(self) -> bool:
        return self.report_published_at is not None


class Participant(models.Model):
    """Someone taking part in one conversation, with an account or through a cookie.

    `number` is the participant's pseudonym within the conversation (Pol.is's pid): the public
    anonymised votes use it, never the account.
    """

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    number = models.PositiveIntegerField(_("numéro"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversation_participations",
    )
    created_at = models.DateTimeField(_("arrivé·e le"), default=timezone.now)

    class Meta:
        verbose_name = _("participant·e")
        verbose_name_plural = _("participant·es")
        ordering = ["conversation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "number"], name="conversations_participant_number"
            ),
            models.UniqueConstraint(
                fields=["conversation", "user"],
                condition=Q(user__isnull=False),
                name="conversations_participant_one_per_user",
            ),
        ]

    def __str__(self) -> str:
        return _("Participant·e n° %(number)s") % {"number": self.number}


class Statement(models.Model):
    """A short statement of opinion everyone votes on: written by the moderation (seed) or a participant.

    A rejected statement is kept (it is part of the record, and its votes stay in the database)
    but leaves the math, as in Pol.is.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("À modérer")
        ACCEPTED = "accepted", _("Acceptée")
        REJECTED = "rejected", _("Écartée")

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="statements",
    )
    number = models.PositiveIntegerField(_("numéro"))
    text = models.TextField(_("proposition"), max_length=STATEMENT_MAX_LENGTH)
    author = models.ForeignKey(
        Participant,
        verbose_name=_("auteur·rice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
    )
    is_seed = models.BooleanField(
        _("proposition de départ"),
        default=False,
        help_text=_("Écrite par la modération pour lancer la conversation."),
    )
    is_meta = models.BooleanField(
        _("proposition sur la conversation"),
        default=False,
        help_text=_(
            "Une proposition sur la conversation elle-même : soumise au vote, mais tenue hors de "
            "la carte des opinions."
        ),
    )
    status = models.CharField(
        _("modération"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("proposée le"), default=timezone.now)
    moderated_at = models.DateTimeField(_("modérée le"), null=True, blank=True)

    history_fields = ("text", "status", "is_meta")

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["conversation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "number"], name="conversations_statement_number"
            ),
        ]

    def __str__(self) -> str:
        # Never the text: this label goes into the conversation's public change log, where a
        # statement set aside by the moderation must not be read.
        return _("Proposition n° %(number)s") % {"number": self.number}

    def history_owner(self) -> Conversation:
        # Moderation decisions belong to the conversation's change log.
        return self.conversation


class Vote(models.Model):
    """A participant's current vote on a statement: one per pair, a new vote replaces it.

    The table takes every vote: its foreign keys to the conversation and the participant have no
    index of their own, the (conversation, id) and (participant, statement) indexes lead with them.
    """

    class Value(models.IntegerChoices):
        AGREE = 1, _("D'accord")
        DISAGREE = -1, _("Pas d'accord")
        PASS = 0, _("Je passe")

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant·e"),
        on_delete=models.CASCADE,
        related_name="votes",
        db_index=False,
    )
    statement = models.ForeignKey(
        Statement, verbose_name=_("proposition"), on_delete=models.CASCADE, related_name="votes"
    )
    value = models.SmallIntegerField(_("vote"), choices=Value.choices)
    created_at = models.DateTimeField(_("premier vote le"), default=timezone.now)
    updated_at = models.DateTimeField(_("vote actuel le"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "statement"], name="conversations_vote_one_per_statement"
            ),
            models.CheckConstraint(
                condition=Q(value__in=[-1, 0, 1]), name="conversations_vote_value"
            ),
        ]
        indexes = [models.Index(fields=["conversation", "id"], name="conversations_vote_conv")]

    def __str__(self) -> str:
        return f"{self.participant_id} / {self.statement_id}: {self.value}"


class VoteChange(models.Model):
    """An earlier vote that a revote replaced: the full vote history, as Pol.is exports it."""

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the (conversation, id) index leads with it
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant·e"),
        on_delete=models.CASCADE,
        related_name="vote_changes",
    )
    statement = models.ForeignKey(
        Statement, verbose_name=_("proposition"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.SmallIntegerField(_("vote"), choices=Vote.Value.choices)
    cast_at = models.DateTimeField(_("voté le"))

    class Meta:
        verbose_name = _("vote remplacé")
        verbose_name_plural = _("votes remplacés")
        indexes = [models.Index(fields=["conversation", "id"], name="conversations_change_conv")]

    def __str__(self) -> str:
        return f"{self.participant_id} / {self.statement_id}: {self.value} ({self.cast_at})"


class Analysis(models.Model):
    """The latest opinion map of a conversation, and the state the next update starts from."""

    conversation = models.OneToOneField(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="analysis",
    )
    # Incremented by every saved update: a worker saves only over the version it started from.
    version = models.PositiveIntegerField(default=0)
    state = models.BinaryField(_("état du calcul"), default=bytes)
    positions = models.BinaryField(_("positions des participant·es"), default=bytes)
    results = models.JSONField(_("résultats"), default=dict)
    votes_count = models.PositiveIntegerField(_("votes pris en compte"), default=0)
    computed_at = models.DateTimeField(_("calculée le"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("durée du calcul (ms)"), default=0)
    # A worker computing this conversation holds it until then (several workers, one database).
    lease_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("carte des opinions")
        verbose_name_plural = _("cartes des opinions")

    def __str__(self) -> str:
        return str(self.conversation)


class AnalysisRequest(models.Model):
    """A conversation whose votes or moderation changed since its last analysis.

    Inserted with ON CONFLICT DO NOTHING by every vote: at most one row, hence one pending task,
    per conversation however many votes arrive (the debounce).
    """

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calcul demandé")
        verbose_name_plural = _("calculs demandés")

    def __str__(self) -> str:
        return f"{self.conversation_id} @ {self.requested_at}"


class OpinionGroup(models.Model):
    """An opinion group of the latest analysis (rewritten by each update), for pages and open data."""

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="opinion_groups",
    )
    position = models.PositiveSmallIntegerField(_("rang"))
    size = models.PositiveIntegerField(_("participant·es"))
    # [{"statement": number, "agrees": bool, "share": float, "repness": float}, ...]
    representative = models.JSONField(_("propositions représentatives"), default=list)
    updated_at = models.DateTimeField(_("mis à jour le"), default=timezone.now)

    class Meta:
        verbose_name = _("groupe d'opinion")
        verbose_name_plural = _("groupes d'opinion")
        ordering = ["conversation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "position"], name="conversations_group_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conversation} — {self.label}"

    @property
    def label(self) -> str:
        return _("Groupe %(letter)s") % {"letter": group_letter(self.position)}


def group_letter(position: int) -> str:
    return "ABCDEFGHIJ"[position] if position < 10 else str(position + 1)


# What is public (core.publicity): conversations out of preparation, their accepted statements
# (never their author: a name would tie a person to a row of anonymised votes), the votes on those
# statements (under the participant's number only), and the opinion groups. Participants and the
# analysis state have no rule: they are never public.
publish(Conversation, ~Q(status=Conversation.Status.DRAFT))
publish(
    Statement,
    Q(status=Statement.Status.ACCEPTED) & ~Q(conversation__status=Conversation.Status.DRAFT),
    private_fields=("author",),
)
publish(
    Vote,
    Q(statement__status=Statement.Status.ACCEPTED)
    & ~Q(conversation__status=Conversation.Status.DRAFT),
)
publish(OpinionGroup, ~Q(conversation__status=Conversation.Status.DRAFT))
