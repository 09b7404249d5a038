"""Proposals from civil society, the calls that collect them, supports, and the public answers."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.actors.models import Actor
from ouvert.core import publicity
from ouvert.plans.models import Commitment, Phase


class ProposalCall(models.Model):
    """The call for proposals of one phase of a plan: until when people propose, and within how
    many days the administration undertakes to answer."""

    phase = models.OneToOneField(
        Phase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="proposal_call"
    )
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(
        _("date limite des propositions"),
        help_text=_("Après cette date, plus aucune proposition n'est reçue pour cette phase."),
    )
    answer_within_days = models.PositiveSmallIntegerField(
        _("délai de réponse (jours)"),
        default=60,
        help_text=_("L'administration s'engage à répondre publiquement dans ce délai."),
    )
    intro = models.TextField(_("présentation de l'appel"), blank=True, help_text=_("En Markdown."))
    intro_en = models.TextField(_("présentation de l'appel (anglais)"), blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    history_fields = ("opens_at", "closes_at", "answer_within_days", "intro", "intro_en")

    class Meta:
        verbose_name = _("appel à propositions")
        verbose_name_plural = _("appels à propositions")
        ordering = ["-closes_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="participation_call_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return f"{self.phase.plan.slug} — {self.phase.name}"

    def history_owner(self):
        return self.phase.plan

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    @property
    def accepts_amendments(self) -> bool:
        """Amendments to the plan's commitments are received during its concertation only."""
        return self.phase.kind == Phase.Kind.CONCERTATION


class ProposalQuerySet(models.QuerySet):
    def published(self) -> "ProposalQuerySet":
        return publicity.public(self)


class Proposal(models.Model):
    """A workshop, a collaboration, a commitment idea or an amendment proposed by a person,
    published after moderation and answered in public."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Proposition d'atelier")
        COLLABORATION = "collaboration", _("Proposition de collaboration")
        COMMITMENT_IDEA = "commitment_idea", _("Idée d'engagement")
        AMENDMENT = "amendment", _("Amendement à un projet d'engagement")

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de modération")
        PUBLISHED = "published", _("Publiée")
        REJECTED = "rejected", _("Refusée par la modération")

    call = models.ForeignKey(
        ProposalCall,
        verbose_name=_("appel à propositions"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("proposition"), help_text=_("En Markdown."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    on_behalf_of = models.ForeignKey(
        Actor,
        verbose_name=_("au nom de"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    institution = models.ForeignKey(
        Actor,
        verbose_name=_("institution destinataire"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals_received",
        help_text=_(
            "L'institution qui doit y répondre ; pour un amendement, celle de l'engagement."
        ),
    )
    amended_commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("engagement amendé"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
    )
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
    moderated_at = models.DateTimeField(_("modérée le"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    history_fields = (
        "kind",
        "title",
        "body",
        "on_behalf_of",
        "institution",
        "amended_commitment",
        "status",
    )

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["-published_at", "-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="amendment") | Q(amended_commitment__isnull=False),
                name="participation_amendment_names_its_commitment",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def signature(self) -> str:
        """How the proposal is signed in public: the actor it speaks for, or the author's public name."""
        if self.on_behalf_of_id:
            return self.on_behalf_of.name
        return self.author.public_name

    def answer_due_on(self) -> datetime.date | None:
        if self.published_at is None:
            return None
        due = self.published_at + datetime.timedelta(days=self.call.answer_within_days)
        return timezone.localdate(due)


class Answer(models.Model):
    """The administration's public answer to a proposal: a status and its reasons."""

    class Status(models.TextChoices):
        UNDER_STUDY = "under_study", _("À l'étude")
        ACCEPTED = "accepted", _("Retenue")
        PARTLY_ACCEPTED = "partly_accepted", _("Retenue en partie")
        DECLINED = "declined", _("Non retenue")
        MERGED = "merged", _("Intégrée à un engagement")

    proposal = models.OneToOneField(
        Proposal, verbose_name=_("proposition"), on_delete=models.CASCADE, related_name="answer"
    )
    status = models.CharField(_("réponse"), max_length=20, choices=Status.choices)
    text = models.TextField(_("texte de la réponse"), help_text=_("En Markdown."))
    text_en = models.TextField(_("texte de la réponse (anglais)"), blank=True)
    merged_into = models.ForeignKey(
        Commitment,
        verbose_name=_("intégrée à l'engagement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_proposals",
    )
    institution = models.ForeignKey(
        Actor,
        verbose_name=_("au nom de"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signée par"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    # The board measures the time to the first answer; later revisions are in the history.
    first_answered_at = models.DateTimeField(_("première réponse le"), default=timezone.now)
    updated_at = models.DateTimeField(_("mise à jour le"), default=timezone.now)

    history_fields = ("status", "text", "text_en", "merged_into", "institution")

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="participation_merged_answer_names_its_commitment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} — {self.get_status_display()}"

    def history_owner(self) -> Proposal:
        return self.proposal


class Support(models.Model):
    """A person supports a proposal, once: the database refuses a second row."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposition"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="supports",
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("soutien")
        verbose_name_plural = _("soutiens")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="participation_support_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.proposal}"


# What of the proposals is public (ouvert.core.publicity). The reasons of a moderation decision are
# sent to the author, not published.
publicity.publish(ProposalCall, Q())
publicity.publish(
    Proposal,
    Q(status=Proposal.Status.PUBLISHED),
    private_fields=("moderation_reason", "moderated_by"),
)
publicity.publish(Answer, Q(proposal__status=Proposal.Status.PUBLISHED))
