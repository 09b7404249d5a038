"""Debates on the draft texts of a plan: a vote with arguments, comments paragraph by paragraph, and
the administration's response with the revised text.

What a debate makes public: a debate publishes a *snapshot* of the draft text it is about (a
`TextVersion`, taken when the debate opens), never the draft record itself. A draft commitment stays
a draft, visible to public agents only, with its milestones, institutions and contact; the public
reads the debated text, the votes counted, the arguments, the comments, and after the close the
revised text the administration publishes with its response. Votes are never public one by one:
only their counts are, and by kind of participant only in groups large enough that nobody's vote
can be inferred (see `ouvert.debates.tally`).
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ouvert.core.publicity import publish
from ouvert.plans.models import ActionPlan, Commitment


class Subject(models.TextChoices):
    """What a debate is about: a draft commitment, the plan's introduction, or another draft text."""

    COMMITMENT = "commitment", _("Projet d'engagement")
    PLAN_SUMMARY = "plan_summary", _("Présentation du plan")
    TEXT = "text", _("Autre texte du plan")


class Section(models.TextChoices):
    """The parts of a debated text, each split into paragraphs (the keys of `TextVersion.sections`)."""

    PROBLEM = "problem", _("Le problème")
    DESCRIPTION = "description", _("L'engagement")
    OBJECTIVES = "objectives", _("Les objectifs")
    SUMMARY = "summary", _("Présentation du plan")
    TEXT = "text", _("Le texte")


# The sections of each subject, in reading order: for a commitment, its Markdown fields.
SUBJECT_SECTIONS = {
    Subject.COMMITMENT: (Section.PROBLEM, Section.DESCRIPTION, Section.OBJECTIVES),
    Subject.PLAN_SUMMARY: (Section.SUMMARY,),
    Subject.TEXT: (Section.TEXT,),
}


class DebateState(models.TextChoices):
    """Where a debate stands, derived from its dates (never stored)."""

    UPCOMING = "upcoming", _("À venir")
    OPEN = "open", _("Ouvert")
    CLOSED = "closed", _("Clos")


class Debate(models.Model):
    """A debate opened by a public agent on a draft text of a plan, between two dates."""

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("plan d'action"),
        on_delete=models.PROTECT,
        related_name="debates",
    )
    subject = models.CharField(_("objet"), max_length=20, choices=Subject.choices)
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("engagement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="debates",
        help_text=_("Le projet d'engagement débattu, pour un débat sur un engagement."),
    )
    title = models.CharField(_("titre"), max_length=300)
    title_en = models.CharField(_("titre (anglais)"), max_length=300, blank=True)
    introduction = models.TextField(
        _("présentation"),
        blank=True,
        help_text=_("Ce qui est soumis au débat et ce que l'administration en fera. En Markdown."),
    )
    introduction_en = models.TextField(_("présentation (anglais)"), blank=True)
    opens_at = models.DateTimeField(_("ouverture des votes"))
    closes_at = models.DateTimeField(_("clôture des votes"))
    created_at = models.DateTimeField(_("ouvert le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    history_fields = (
        "title",
        "title_en",
        "introduction",
        "introduction_en",
        "opens_at",
        "closes_at",
    )

    class Meta:
        verbose_name = _("débat")
        verbose_name_plural = _("débats")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="debates_debate_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=(
                    Q(subject=Subject.COMMITMENT, commitment__isnull=False)
                    | (~Q(subject=Subject.COMMITMENT) & Q(commitment__isnull=True))
                ),
                name="debates_debate_commitment_iff_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("debates:detail", kwargs={"pk": self.pk})

    def state_at(self, moment: datetime.datetime) -> str:
        if moment < self.opens_at:
            return DebateState.UPCOMING
        if moment < self.closes_at:
            return DebateState.OPEN
        return DebateState.CLOSED

    @property
    def state(self) -> str:
        return self.state_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.state == DebateState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == DebateState.CLOSED

    def get_state_display(self) -> str:
        return DebateState(self.state).label


class TextVersion(models.Model):
    """A snapshot of the debated text: as it was put to the debate, and as revised after it.

    The debated version is frozen when the debate opens: its paragraphs carry the comments, so a
    later edit of the commitment never moves them. The revised version is what the administration
    publishes with its response.
    """

    class Kind(models.TextChoices):
        DEBATED = "debated", _("Version soumise au débat")
        REVISED = "revised", _("Version publiée après le débat")

    debate = models.ForeignKey(
        Debate, verbose_name=_("débat"), on_delete=models.CASCADE, related_name="versions"
    )
    kind = models.CharField(_("version"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=300)
    sections = models.JSONField(
        _("texte"),
        default=list,
        help_text=_('Les parties du texte, dans l\'ordre : [{"key": "description", "text": …}].'),
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("version du texte")
        verbose_name_plural = _("versions du texte")
        ordering = ["debate", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["debate", "kind"], name="debates_version_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.get_kind_display()}"

    def history_owner(self) -> Debate:
        return self.debate

    def text_of(self, section: str) -> str:
        return next((part["text"] for part in self.sections if part["key"] == section), "")


class Paragraph(models.Model):
    """A paragraph of a debated version (Markdown between blank lines), the target of comments."""

    debate = models.ForeignKey(
        Debate, verbose_name=_("débat"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    version = models.ForeignKey(
        TextVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="paragraphs",
    )
    number = models.PositiveSmallIntegerField(
        _("numéro"),
        help_text=_("Sa place dans le texte débattu, de 1 à n, toutes parties comprises."),
    )
    section = models.CharField(_("partie"), max_length=20, choices=Section.choices)
    text = models.TextField(_("texte"))
    # The comments of `ouvert.participation` on this paragraph (moderated, threaded).
    comments = GenericRelation("participation.Comment")

    class Meta:
        verbose_name = _("paragraphe")
        verbose_name_plural = _("paragraphes")
        ordering = ["debate", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "number"], name="debates_paragraph_number_once"
            )
        ]

    def __str__(self) -> str:
        # Read without a query (moderation lists and e-mails name many paragraphs at once).
        return _("Paragraphe %(number)s « %(start)s »") % {
            "number": self.number,
            "start": Truncator(self.text).chars(60),
        }

    def get_absolute_url(self) -> str:
        return reverse("debates:paragraph", kwargs={"pk": self.debate_id, "number": self.number})

    @property
    def anchor(self) -> str:
        """Its stable anchor on the debate page: the debated version never changes."""
        return f"paragraphe-{self.number}"

    # Read by the comments of `ouvert.participation`: a paragraph is public with its debate, and
    # takes comments while the debate is open.
    is_published = True

    @property
    def comments_open(self) -> bool:
        return self.debate.is_open


class VoteChoice(models.TextChoices):
    FOR = "for", _("Pour")
    AGAINST = "against", _("Contre")
    ABSTAIN = "abstain", _("Abstention")


class VoterKind(models.TextChoices):
    """The kind of participant a voter declares (optional), for the counts by kind of actor."""

    CITIZEN = "citizen", _("Citoyenne ou citoyen")
    ASSOCIATION = "association", _("Association ou collectif")
    COMPANY = "company", _("Entreprise")
    PUBLIC_BODY = "public_body", _("Organisme public")
    OTHER = "other", _("Autre organisation")


class Vote(models.Model):
    """One participant's vote in one debate, changeable until the close. Never public: only counts
    are (no public rule, no dataset, no history row, no back-office page)."""

    debate = models.ForeignKey(
        Debate, verbose_name=_("débat"), on_delete=models.CASCADE, related_name="votes"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant·e"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="debate_votes",
        help_text=_("Vidé quand le compte est supprimé : le vote reste compté, sans personne."),
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    kind = models.CharField(
        _("qualité déclarée"), max_length=20, choices=VoterKind.choices, blank=True
    )
    created_at = models.DateTimeField(_("voté le"), default=timezone.now)
    updated_at = models.DateTimeField(_("changé le"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            # One vote per participant and debate; the service upserts against this constraint.
            models.UniqueConstraint(fields=["debate", "voter"], name="debates_vote_once"),
        ]

    def __str__(self) -> str:
        return _("Vote n° %(number)s") % {"number": self.pk}


class Argument(models.Model):
    """An argument for or against the debated text, moderated before publication."""

    class Side(models.TextChoices):
        PRO = "pro", _("Pour")
        CON = "con", _("Contre")

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de modération")
        PUBLISHED = "published", _("Publié")
        REJECTED = "rejected", _("Refusé par la modération")

    debate = models.ForeignKey(
        Debate, verbose_name=_("débat"), on_delete=models.CASCADE, related_name="arguments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.PROTECT,
        related_name="debate_arguments",
    )
    side = models.CharField(_("sens"), max_length=8, choices=Side.choices)
    body = models.TextField(_("argument"))
    status = models.CharField(
        _("modération"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    moderation_reason = models.TextField(_("motif de la décision de modération"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modéré par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("modéré le"), null=True, blank=True)
    created_at = models.DateTimeField(_("écrit le"), default=timezone.now)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)

    # Its moderation is recorded in its own history, never in the debate's change log.
    history_fields = ("status",)

    class Meta:
        verbose_name = _("argument")
        verbose_name_plural = _("arguments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["debate", "status"], name="debates_argument_status")]

    def __str__(self) -> str:
        # Never the text: this label goes into history rows.
        return _("Argument n° %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("debates:detail", kwargs={"pk": self.debate_id}) + f"#argument-{self.pk}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ArgumentSupport(models.Model):
    """A participant supports an argument, once: the database refuses a second row."""

    argument = models.ForeignKey(
        Argument, verbose_name=_("argument"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="argument_supports",
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("soutien à un argument")
        verbose_name_plural = _("soutiens aux arguments")
        constraints = [
            models.UniqueConstraint(fields=["argument", "user"], name="debates_support_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.argument}"


class DebateResponse(models.Model):
    """The administration's public response after the close: what changed and why, with the
    revised version of the text (and, paragraph by paragraph, `ParagraphNote`s)."""

    debate = models.OneToOneField(
        Debate, verbose_name=_("débat"), on_delete=models.CASCADE, related_name="response"
    )
    version = models.OneToOneField(
        TextVersion,
        verbose_name=_("version publiée"),
        on_delete=models.PROTECT,
        related_name="response",
    )
    text = models.TextField(_("réponse"), help_text=_("Ce qui a changé et pourquoi. En Markdown."))
    text_en = models.TextField(_("réponse (anglais)"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signée par"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("publiée le"), default=timezone.now)

    class Meta:
        verbose_name = _("réponse à un débat")
        verbose_name_plural = _("réponses aux débats")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return _("Réponse au débat « %(title)s »") % {"title": self.debate.title}

    def history_owner(self) -> Debate:
        return self.debate


class ParagraphNote(models.Model):
    """What the response says of one debated paragraph: what changed in it, and why."""

    response = models.ForeignKey(
        DebateResponse, verbose_name=_("réponse"), on_delete=models.CASCADE, related_name="notes"
    )
    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("paragraphe"), on_delete=models.CASCADE, related_name="notes"
    )
    text = models.TextField(_("explication"))

    class Meta:
        verbose_name = _("réponse sur un paragraphe")
        verbose_name_plural = _("réponses sur les paragraphes")
        ordering = ["paragraph__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "paragraph"], name="debates_note_one_per_paragraph"
            )
        ]

    def __str__(self) -> str:
        return str(self.paragraph)


# What of a debate is public (ouvert.core.publicity). A debate is public from the moment an agent
# opens it, whatever the status of the plan or commitment it is about: it publishes the snapshot
# of the draft text on purpose. Votes and supports have no rule: they are never public one by one.
publish(Debate, Q())
publish(TextVersion, Q())
publish(Paragraph, Q())
publish(
    Argument,
    Q(status=Argument.Status.PUBLISHED),
    private_fields=("moderation_reason", "moderated_by"),
)
publish(DebateResponse, Q())
publish(ParagraphNote, Q())
