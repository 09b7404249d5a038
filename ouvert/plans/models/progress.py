"""Milestones of a commitment, the progress updates that report on them, their evidence, and the
civil-society partners' own assessment of each milestone."""

import datetime
from pathlib import PurePath

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.actors.models import Actor
from ouvert.core.fields import HttpsURLField
from ouvert.core.publicity import publish
from ouvert.plans.models.commitments import Commitment, published_commitment

# Milestones whose planned end falls within this many days are "due soon" on the dashboard.
DUE_SOON_DAYS = 30
EVIDENCE_EXTENSIONS = [
    "pdf",
    "odt",
    "ods",
    "odp",
    "docx",
    "xlsx",
    "pptx",
    "csv",
    "txt",
    "png",
    "jpg",
    "jpeg",
]


class Milestone(models.Model):
    """A verifiable step of a commitment, with its planned dates, deliverable and weight."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Non commencé")
        IN_PROGRESS = "in_progress", _("En cours")
        COMPLETED = "completed", _("Réalisé")
        ABANDONED = "abandoned", _("Abandonné")

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    reference = models.CharField(
        _("identifiant externe"),
        max_length=60,
        unique=True,
        help_text=_("Stable et unique : la clé des imports, par exemple FR0049-1."),
    )
    title = models.CharField(_("intitulé"), max_length=300)
    title_en = models.CharField(_("intitulé (anglais)"), max_length=300, blank=True)
    deliverable = models.TextField(
        _("livrable"), blank=True, help_text=_("Ce qui prouvera que le jalon est atteint.")
    )
    starts_on = models.DateField(_("début prévu"), null=True, blank=True)
    ends_on = models.DateField(_("fin prévue"))
    weight = models.PositiveSmallIntegerField(
        _("poids"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Sa part dans l'avancement de l'engagement, relativement aux autres jalons."),
    )
    status = models.CharField(
        _("état déclaré"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    completed_on = models.DateField(_("réalisé le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    history_fields = (
        "reference",
        "title",
        "title_en",
        "deliverable",
        "starts_on",
        "ends_on",
        "weight",
        "status",
        "completed_on",
    )

    class Meta:
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")
        ordering = ["commitment", "ends_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="plans_milestone_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def history_owner(self) -> Commitment:
        return self.commitment

    def is_late(self, today: datetime.date | None = None) -> bool:
        """Its planned end has passed and it is neither completed nor abandoned."""
        today = today or timezone.localdate()
        return self.ends_on < today and self.status in {
            self.Status.NOT_STARTED,
            self.Status.IN_PROGRESS,
        }

    def is_due_soon(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        open_ = self.status in {self.Status.NOT_STARTED, self.Status.IN_PROGRESS}
        return open_ and today <= self.ends_on <= today + datetime.timedelta(days=DUE_SOON_DAYS)


class ProgressUpdate(models.Model):
    """A dated report on a commitment's progress, signed by the agent who posts it.

    It may report on one milestone and set its status; the milestone's history records the change.
    """

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="updates"
    )
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("jalon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="updates",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signé par"),
        on_delete=models.PROTECT,
        related_name="progress_updates",
    )
    institution = models.ForeignKey(
        Actor,
        verbose_name=_("au nom de"),
        on_delete=models.PROTECT,
        related_name="progress_updates",
        help_text=_("L'institution pour laquelle l'agent rend compte."),
    )
    published_at = models.DateTimeField(_("publiée le"), default=timezone.now, db_index=True)
    text = models.TextField(_("compte rendu"), help_text=_("En Markdown."))
    new_status = models.CharField(
        _("nouvel état du jalon"), max_length=16, choices=Milestone.Status.choices, blank=True
    )

    history_fields = ("milestone", "text", "new_status")

    class Meta:
        verbose_name = _("point d'avancement")
        verbose_name_plural = _("points d'avancement")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return f"{self.commitment.reference} — {self.published_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return self.commitment.get_absolute_url() + f"#avancement-{self.pk}"

    def history_owner(self) -> Commitment:
        return self.commitment


def _evidence_path(evidence: "Evidence", filename: str) -> str:
    return f"preuves/{timezone.now():%Y/%m}/{PurePath(filename).name}"


class Evidence(models.Model):
    """A proof attached to a progress update: a link or a document."""

    update = models.ForeignKey(
        ProgressUpdate,
        verbose_name=_("point d'avancement"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    title = models.CharField(_("intitulé"), max_length=200)
    url = HttpsURLField(_("lien"), max_length=500, blank=True)
    document = models.FileField(
        _("document"),
        upload_to=_evidence_path,
        blank=True,
        max_length=255,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)],
    )

    history_fields = ("title", "url", "document")

    class Meta:
        verbose_name = _("preuve")
        verbose_name_plural = _("preuves")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(document="")) | (~Q(url="") & Q(document="")),
                name="plans_evidence_link_or_document",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.url:
            return self.url
        return reverse("commitments:evidence", kwargs={"pk": self.pk})

    def history_owner(self) -> Commitment:
        return self.update.commitment


class PartnerAssessment(models.Model):
    """A civil-society partner's own view of a milestone's reported status: agree or disagree, and why."""

    class Position(models.TextChoices):
        AGREE = "agree", _("D'accord avec l'état déclaré")
        DISAGREE = "disagree", _("Pas d'accord avec l'état déclaré")

    milestone = models.ForeignKey(
        Milestone, verbose_name=_("jalon"), on_delete=models.CASCADE, related_name="assessments"
    )
    partner = models.ForeignKey(
        Actor, verbose_name=_("partenaire"), on_delete=models.PROTECT, related_name="assessments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rédigé par"),
        on_delete=models.PROTECT,
        related_name="partner_assessments",
    )
    position = models.CharField(_("position"), max_length=10, choices=Position.choices)
    assessed_status = models.CharField(
        _("état déclaré au moment de l'avis"), max_length=16, choices=Milestone.Status.choices
    )
    comment = models.TextField(_("commentaire"), help_text=_("En Markdown."))
    created_at = models.DateTimeField(_("donné le"), default=timezone.now)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    history_fields = ("position", "assessed_status", "comment")

    class Meta:
        verbose_name = _("avis d'un partenaire")
        verbose_name_plural = _("avis des partenaires")
        ordering = ["-updated_at", "-id"]
        constraints = [
            # One current view per partner and milestone; its changes are in the history.
            models.UniqueConstraint(
                fields=["milestone", "partner"], name="plans_assessment_one_per_partner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} — {self.milestone}"

    def history_owner(self) -> Commitment:
        return self.milestone.commitment


publish(Milestone, published_commitment("commitment__"))
publish(ProgressUpdate, published_commitment("commitment__"))
publish(Evidence, published_commitment("update__commitment__"))
publish(PartnerAssessment, published_commitment("milestone__commitment__"))
