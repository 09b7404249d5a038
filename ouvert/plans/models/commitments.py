"""Commitments of an action plan, their policy areas and links."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.actors.models import Actor
from ouvert.core.publicity import publish
from ouvert.core.text import fold
from ouvert.core.themes import Theme
from ouvert.plans.models.plans import ActionPlan


class OgpValue(models.TextChoices):
    """The four values of the Open Government Partnership a commitment may advance."""

    ACCESS_TO_INFORMATION = "access_to_information", _("Accès à l'information")
    CIVIC_PARTICIPATION = "civic_participation", _("Participation citoyenne")
    PUBLIC_ACCOUNTABILITY = "public_accountability", _("Redevabilité publique")
    TECHNOLOGY_INNOVATION = (
        "technology_innovation",
        _("Technologie et innovation pour la transparence et la redevabilité"),
    )


class ImplementationStatus(models.TextChoices):
    """Where a commitment stands, derived from its milestones (never stored: see the selectors)."""

    NOT_STARTED = "not_started", _("Non commencé")
    IN_PROGRESS = "in_progress", _("En cours")
    LATE = "late", _("En retard")
    COMPLETED = "completed", _("Réalisé")
    WITHDRAWN = "withdrawn", _("Abandonné")


class PolicyArea(models.Model):
    """A policy area of the OGP records (Open Data, Anti-Corruption, Public Participation...)."""

    name = models.CharField(_("nom"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("domaine d'action publique")
        verbose_name_plural = _("domaines d'action publique")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Commitment(models.Model):
    """A commitment of a national action plan: what a lead institution undertakes, and why."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publié")

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("plan d'action"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    reference = models.CharField(
        _("identifiant externe"),
        max_length=40,
        unique=True,
        help_text=_(
            "Stable et unique : c'est la clé des imports. L'identifiant OGP (FR0049) quand il existe."
        ),
    )
    ogp_id = models.CharField(
        _("identifiant OGP"), max_length=20, blank=True, help_text=_("Par exemple FR0049.")
    )
    number = models.PositiveSmallIntegerField(_("numéro dans le plan"), null=True, blank=True)
    title = models.CharField(_("titre"), max_length=300)
    title_en = models.CharField(_("titre (anglais)"), max_length=300, blank=True)
    problem = models.TextField(
        _("problème"),
        blank=True,
        help_text=_("Le problème public auquel l'engagement répond. En Markdown."),
    )
    problem_en = models.TextField(_("problème (anglais)"), blank=True)
    description = models.TextField(
        _("engagement"),
        blank=True,
        help_text=_("Ce que l'institution s'engage à faire. En Markdown."),
    )
    description_en = models.TextField(_("engagement (anglais)"), blank=True)
    objectives = models.TextField(_("objectifs"), blank=True, help_text=_("En Markdown."))
    objectives_en = models.TextField(_("objectifs (anglais)"), blank=True)
    ambition = models.CharField(
        _("ambition"),
        max_length=200,
        blank=True,
        help_text=_("L'axe ou l'ambition du plan auquel l'engagement se rattache."),
    )
    theme = models.CharField(_("thème"), max_length=32, choices=Theme.choices, blank=True)
    policy_areas = models.ManyToManyField(
        PolicyArea,
        verbose_name=_("domaines d'action publique"),
        blank=True,
        related_name="commitments",
    )
    ogp_values = models.JSONField(
        _("valeurs du PGO"),
        default=list,
        blank=True,
        help_text=_(
            "Parmi : accès à l'information, participation citoyenne, redevabilité, technologie."
        ),
    )
    lead_institution = models.ForeignKey(
        Actor,
        verbose_name=_("institution responsable"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_commitments",
        help_text=_(
            "Laissée vide tant qu'elle n'est pas connue ; le plan public l'affiche comme telle."
        ),
    )
    supporting_institutions = models.ManyToManyField(
        Actor,
        verbose_name=_("partenaires"),
        blank=True,
        related_name="supported_commitments",
        help_text=_(
            "Institutions publiques, partenaires de la société civile et entreprises associés."
        ),
    )
    links = models.JSONField(
        _("liens"),
        default=list,
        blank=True,
        help_text=_('Pages web sur l\'engagement : une liste de {"title": …, "url": …}.'),
    )
    contact = models.CharField(
        _("contact"),
        max_length=255,
        blank=True,
        help_text=_(
            "Le service à contacter et son adresse fonctionnelle, jamais une adresse personnelle."
        ),
    )
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Un brouillon n'est visible que des agents publics."),
    )
    withdrawn = models.BooleanField(
        _("abandonné"), default=False, help_text=_("L'engagement ne sera pas mis en œuvre.")
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    history_fields = (
        "plan",
        "reference",
        "ogp_id",
        "number",
        "title",
        "title_en",
        "problem",
        "problem_en",
        "description",
        "description_en",
        "objectives",
        "objectives_en",
        "ambition",
        "theme",
        "policy_areas",
        "ogp_values",
        "lead_institution",
        "supporting_institutions",
        "links",
        "contact",
        "status",
        "withdrawn",
    )

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["plan", "number", "reference"]
        indexes = [models.Index(fields=["plan", "status"], name="plans_commitment_plan_status")]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}"

    def save(self, *args, **kwargs):
        # The folded text the search matches, kept beside the fields it is made of.
        self.search_text = fold(
            " ".join(
                [
                    self.reference,
                    self.ogp_id,
                    self.title,
                    self.title_en,
                    self.problem,
                    self.description,
                    self.objectives,
                    self.ambition,
                ]
            )
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("commitments:detail", kwargs={"reference": self.reference})

    def ogp_value_labels(self) -> list[str]:
        labels = dict(OgpValue.choices)
        return [labels[value] for value in self.ogp_values if value in labels]


def published_commitment(prefix: str = "") -> Q:
    """The rule of a public commitment, seen from a model reaching it through `prefix`."""
    return Q(
        **{
            f"{prefix}status": Commitment.Status.PUBLISHED,
            f"{prefix}plan__status": ActionPlan.Status.PUBLISHED,
        }
    )


publish(Commitment, published_commitment(), private_fields=("search_text",))
