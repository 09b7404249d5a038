"""National action plans of the Open Government Partnership, and the phases of their cycle."""

import datetime

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.core.fields import HttpsURLField
from ouvert.core.publicity import publish
from ouvert.core.translation import LocalizedText, localized


class ActionPlan(models.Model):
    """A national action plan (for instance 2021-2023), co-built with civil society every two years."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publié")

    class IrmModel(models.TextChoices):
        """The Independent Reporting Mechanism's assessment grid, which changed for plans from 2021."""

        UNTIL_2020 = "2015", _("Grille jusqu'en 2020 (impact potentiel, engagement étoilé)")
        SINCE_2021 = (
            "2021",
            _("Grille depuis 2021 (potentiel de résultats, prometteur, premiers résultats)"),
        )

    slug = models.SlugField(
        _("identifiant"), unique=True, help_text=_("Par exemple « 2021-2023 »; il sert d'adresse.")
    )
    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre (anglais)"), max_length=200, blank=True)
    summary = models.TextField(_("présentation"), blank=True, help_text=_("En Markdown."))
    summary_en = models.TextField(_("présentation (anglais)"), blank=True)
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Un brouillon n'est visible que des agents publics."),
    )
    ogp_url = HttpsURLField(
        _("page sur le site du Partenariat pour un gouvernement ouvert"), blank=True
    )
    irm_model = models.CharField(
        _("grille d'évaluation du MRI"),
        max_length=8,
        choices=IrmModel.choices,
        default=IrmModel.SINCE_2021,
        help_text=_(
            "Le Mécanisme de rapport indépendant (MRI, IRM en anglais) du PGO a changé de grille "
            "pour les plans adoptés à partir de 2021."
        ),
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    history_fields = (
        "slug",
        "title",
        "title_en",
        "summary",
        "summary_en",
        "status",
        "ogp_url",
        "irm_model",
    )

    class Meta:
        verbose_name = _("plan d'action")
        verbose_name_plural = _("plans d'action")
        ordering = ["-slug"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Phase(models.Model):
    """A step of a plan's cycle: concertation, forums, drafting, publication, implementation, evaluation."""

    class Kind(models.TextChoices):
        CONCERTATION = "concertation", _("Concertation")
        FORUMS = "forums", _("Forums ouverts")
        DRAFTING = "drafting", _("Rédaction")
        PUBLICATION = "publication", _("Publication")
        IMPLEMENTATION = "implementation", _("Mise en œuvre")
        EVALUATION = "evaluation", _("Évaluation")

    class Status(models.TextChoices):
        PAST = "past", _("Terminée")
        CURRENT = "current", _("En cours")
        UPCOMING = "upcoming", _("À venir")

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan d'action"), on_delete=models.CASCADE, related_name="phases"
    )
    kind = models.CharField(_("étape"), max_length=20, choices=Kind.choices)
    title = models.CharField(
        _("intitulé"), max_length=200, blank=True, help_text=_("Laissé vide : le nom de l'étape.")
    )
    title_en = models.CharField(_("intitulé (anglais)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("En Markdown."))
    description_en = models.TextField(_("description (anglais)"), blank=True)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    history_fields = (
        "kind",
        "title",
        "title_en",
        "description",
        "description_en",
        "starts_on",
        "ends_on",
    )

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="plans_phase_ends_after_start"
            ),
            models.UniqueConstraint(fields=["plan", "kind"], name="plans_phase_one_per_step"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.slug} — {self.name}"

    @property
    def name(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def display_name(self) -> LocalizedText:
        """The name in the page's language: its own title if it has one, else the step's name."""
        title = localized(self, "title")
        return title if title else LocalizedText(self.get_kind_display())

    def history_owner(self) -> ActionPlan:
        # A phase's changes appear in its plan's change log.
        return self.plan

    def status_on(self, day: datetime.date) -> str:
        if day < self.starts_on:
            return self.Status.UPCOMING
        if day > self.ends_on:
            return self.Status.PAST
        return self.Status.CURRENT


publish(ActionPlan, Q(status=ActionPlan.Status.PUBLISHED))
publish(Phase, Q(plan__status=ActionPlan.Status.PUBLISHED))
