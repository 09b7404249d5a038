"""The Independent Reporting Mechanism's (IRM) assessment of a commitment, entered by evaluators.

The IRM changed its grid for plans adopted from 2021 (`ActionPlan.irm_model`): design is assessed
by verifiability, relevance and potential impact (starred commitments) up to 2020, by verifiability,
the open-government lens and the potential for results (promising commitments) since; implementation
by completion and "did it open government?", with "early results" since 2021.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.core.publicity import publish
from ouvert.plans.models.commitments import Commitment, published_commitment


class PotentialImpact(models.TextChoices):
    NONE = "none", _("Aucun")
    MINOR = "minor", _("Mineur")
    MODERATE = "moderate", _("Modéré")
    TRANSFORMATIVE = "transformative", _("Transformateur")


class Ambition(models.TextChoices):
    LOW = "low", _("Faible")
    MODERATE = "moderate", _("Modérée")
    HIGH = "high", _("Élevée")


class PotentialForResults(models.TextChoices):
    UNCLEAR = "unclear", _("Incertain")
    MODEST = "modest", _("Modeste")
    SUBSTANTIAL = "substantial", _("Substantiel")


class Completion(models.TextChoices):
    NO_EVIDENCE = "no_evidence", _("Aucune preuve disponible")
    NOT_STARTED = "not_started", _("Non commencé")
    LIMITED = "limited", _("Limité")
    SUBSTANTIAL = "substantial", _("Substantiel")
    COMPLETE = "complete", _("Complet")


class OpenedGovernment(models.TextChoices):
    WORSENED = "worsened", _("Détérioration")
    DID_NOT_CHANGE = "did_not_change", _("Pas de changement")
    MARGINAL = "marginal", _("Marginal")
    MAJOR = "major", _("Majeur")
    OUTSTANDING = "outstanding", _("Exceptionnel")


class EarlyResults(models.TextChoices):
    NO_NOTABLE = "no_notable", _("Pas de résultat notable")
    MODERATE = "moderate", _("Modérés")
    SIGNIFICANT = "significant", _("Significatifs")
    OUTSTANDING = "outstanding", _("Exceptionnels")


class Evaluation(models.Model):
    """The IRM fields of one commitment. Every field may stay empty until the IRM has assessed it."""

    commitment = models.OneToOneField(
        Commitment,
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="evaluation",
    )
    # Design
    verifiable = models.BooleanField(_("vérifiable"), null=True, blank=True)
    relevant = models.BooleanField(
        _("pertinent au regard des valeurs du PGO"), null=True, blank=True
    )
    relevant_values = models.JSONField(
        _("valeurs du PGO jugées pertinentes"), default=list, blank=True
    )
    open_government_lens = models.BooleanField(
        _("optique de gouvernement ouvert"), null=True, blank=True
    )
    potential_impact = models.CharField(
        _("impact potentiel"), max_length=16, choices=PotentialImpact.choices, blank=True
    )
    ambition = models.CharField(_("ambition"), max_length=16, choices=Ambition.choices, blank=True)
    potential_for_results = models.CharField(
        _("potentiel de résultats"), max_length=16, choices=PotentialForResults.choices, blank=True
    )
    starred = models.BooleanField(_("engagement étoilé"), null=True, blank=True)
    promising = models.BooleanField(_("engagement prometteur"), null=True, blank=True)
    # Implementation
    completion = models.CharField(
        _("degré d'achèvement"), max_length=16, choices=Completion.choices, blank=True
    )
    opened_government = models.CharField(
        _("a-t-il ouvert le gouvernement ?"),
        max_length=16,
        choices=OpenedGovernment.choices,
        blank=True,
    )
    early_results = models.CharField(
        _("premiers résultats"), max_length=16, choices=EarlyResults.choices, blank=True
    )
    summary = models.TextField(
        _("synthèse de l'évaluation"), blank=True, help_text=_("En Markdown.")
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("évaluateur·rice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("mise à jour le"), default=timezone.now)

    history_fields = (
        "verifiable",
        "relevant",
        "relevant_values",
        "open_government_lens",
        "potential_impact",
        "ambition",
        "potential_for_results",
        "starred",
        "promising",
        "completion",
        "opened_government",
        "early_results",
        "summary",
    )

    class Meta:
        verbose_name = _("évaluation du MRI")
        verbose_name_plural = _("évaluations du MRI")

    def __str__(self) -> str:
        return str(self.commitment)

    def history_owner(self) -> Commitment:
        return self.commitment


publish(Evaluation, published_commitment("commitment__"))
