import json
from dataclasses import replace

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ouvert.core.http import absolute_url
from ouvert.core.models import HistoryEntry
from ouvert.core.opendata import Dataset, Field, registry
from ouvert.core.publicity import public
from ouvert.core.themes import Theme
from ouvert.plans.models import ImplementationStatus, Milestone, PartnerAssessment, Phase
from ouvert.plans.models.evaluation import (
    Ambition,
    Completion,
    EarlyResults,
    Evaluation,
    OpenedGovernment,
    PotentialForResults,
    PotentialImpact,
)
from ouvert.plans.selectors import (
    assessments_public,
    commitments_public,
    evaluations_public,
    milestones_public,
    phases_public,
    plans_public,
    updates_public,
)
from ouvert.plans.selectors.commitments import progress_percent, with_progress


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


def _plan_url(slug: str) -> str:
    return absolute_url(reverse("plans:detail", kwargs={"slug": slug}))


registry.register(
    Dataset(
        slug="plans-action",
        title=_("Plans d'action nationaux"),
        description=_(
            "Les plans d'action nationaux pour un gouvernement ouvert publiés sur la plateforme, "
            "avec la période couverte par leurs phases."
        ),
        keywords=(_("gouvernement ouvert"), "OGP", _("plan d'action")),
        queryset=plans_public,
        fields=(
            Field(
                "id",
                "integer",
                _("Identifiant"),
                _("Identifiant stable du plan."),
                required=True,
                unique=True,
            ),
            Field(
                "slug",
                "string",
                _("Code"),
                _("Code du plan, par exemple 2021-2023."),
                required=True,
                unique=True,
            ),
            Field("title", "string", _("Titre"), _("Titre en français."), required=True),
            Field("title_en", "string", _("Titre (anglais)"), _("Titre en anglais, s'il existe.")),
            Field(
                "summary", "string", _("Présentation"), _("Présentation en français, en Markdown.")
            ),
            Field("starts_on", "date", _("Début"), _("Début de la première phase du cycle.")),
            Field("ends_on", "date", _("Fin"), _("Fin de la dernière phase du cycle.")),
            Field(
                "ogp_url",
                "string",
                _("Page OGP"),
                _("Page du plan sur le site du Partenariat pour un gouvernement ouvert."),
                format="uri",
            ),
            Field(
                "url",
                "string",
                _("Page web"),
                _("Adresse du plan sur la plateforme."),
                source="slug",
                transform=_plan_url,
                format="uri",
            ),
            Field(
                "updated_at",
                "datetime",
                _("Mise à jour"),
                _("Date de la dernière modification (UTC)."),
                required=True,
            ),
        ),
    )
)

registry.register(
    Dataset(
        slug="phases-plans",
        title=_("Phases des plans d'action"),
        description=_(
            "Le calendrier de chaque plan publié : concertation, forums ouverts, rédaction, "
            "publication, mise en œuvre et évaluation, avec leurs dates."
        ),
        keywords=(_("gouvernement ouvert"), _("calendrier"), _("concertation")),
        queryset=phases_public,
        fields=(
            Field(
                "id",
                "integer",
                _("Identifiant"),
                _("Identifiant stable de la phase."),
                required=True,
                unique=True,
            ),
            Field(
                "plan",
                "string",
                _("Plan"),
                _("Code du plan d'action."),
                source="plan__slug",
                required=True,
            ),
            Field(
                "kind",
                "string",
                _("Étape"),
                _("Étape du cycle."),
                required=True,
                enum=tuple(Phase.Kind.values),
            ),
            Field(
                "title",
                "string",
                _("Intitulé"),
                _("Intitulé en français, s'il diffère du nom de l'étape."),
            ),
            Field(
                "description",
                "string",
                _("Description"),
                _("Description en français, en Markdown."),
            ),
            Field("starts_on", "date", _("Début"), _("Premier jour de la phase."), required=True),
            Field("ends_on", "date", _("Fin"), _("Dernier jour de la phase."), required=True),
            Field(
                "updated_at",
                "datetime",
                _("Mise à jour"),
                _("Date de la dernière modification (UTC)."),
                required=True,
            ),
        ),
    )
)


def _commitment_url(reference: str) -> str:
    return absolute_url(reverse("commitments:detail", kwargs={"reference": reference}))


def _names(related) -> str:
    return " | ".join(sorted(item.name for item in related.all()))


def _commitment_rows():
    return (
        with_progress(commitments_public())
        .select_related("plan", "lead_institution")
        .prefetch_related("policy_areas", "supporting_institutions")
    )


# Columns the commitments' datasets share (the full one and the OGP record's layout).
COMMITMENT_REFERENCE = Field(
    "reference",
    "string",
    _("Identifiant externe"),
    _("Clé stable de l'engagement (l'identifiant OGP quand il existe)."),
    required=True,
    unique=True,
)

COMMITMENT_OGP_ID = Field(
    "ogp_id",
    "string",
    _("Identifiant OGP"),
    _("Identifiant sur le site du PGO, par exemple FR0049."),
)

COMMITMENT_LEAD_INSTITUTION = Field(
    "lead_institution",
    "string",
    _("Institution responsable"),
    _("Nom de l'institution responsable."),
    source="lead_institution__name",
)

COMMITMENT_URL = Field(
    "url",
    "string",
    _("Page web"),
    _("Adresse de l'engagement sur la plateforme."),
    source="reference",
    transform=_commitment_url,
    format="uri",
)

COMMITMENT_UPDATED_AT = Field(
    "updated_at",
    "datetime",
    _("Mise à jour"),
    _("Date de la dernière modification (UTC)."),
    required=True,
)

THEME_VALUES = tuple(Theme.values)
STATUS_VALUES = tuple(ImplementationStatus.values)

registry.register(
    Dataset(
        slug="engagements",
        title=_("Engagements des plans d'action"),
        description=_(
            "Les engagements publiés des plans d'action nationaux : problème, engagement, objectifs, "
            "institution responsable et partenaires, valeurs du PGO, domaines, avancement calculé "
            "d'après les jalons. Ce schéma est la proposition d'ouvert pour publier les engagements "
            "OGP : il n'existe pas de schéma national pour ces données."
        ),
        keywords=(_("gouvernement ouvert"), "OGP", _("engagements"), _("redevabilité")),
        queryset=_commitment_rows,
        fields=(
            Field(
                "id",
                "integer",
                _("Identifiant"),
                _("Identifiant stable de l'engagement sur la plateforme."),
                required=True,
                unique=True,
            ),
            COMMITMENT_REFERENCE,
            COMMITMENT_OGP_ID,
            Field(
                "plan",
                "string",
                _("Plan"),
                _("Code du plan d'action."),
                source="plan__slug",
                required=True,
            ),
            Field("number", "integer", _("Numéro"), _("Numéro de l'engagement dans le plan.")),
            Field("title", "string", _("Titre"), _("Titre en français."), required=True),
            Field("title_en", "string", _("Titre (anglais)"), _("Titre en anglais, s'il existe.")),
            Field(
                "problem",
                "string",
                _("Problème"),
                _("Le problème public auquel l'engagement répond, en Markdown."),
            ),
            Field(
                "description",
                "string",
                _("Engagement"),
                _("Ce que l'institution s'engage à faire, en Markdown."),
            ),
            Field("objectives", "string", _("Objectifs"), _("Les objectifs, en Markdown.")),
            Field("ambition", "string", _("Ambition"), _("L'axe ou l'ambition du plan.")),
            Field(
                "theme",
                "string",
                _("Thème"),
                _("Code du thème dans la liste d'ouvert."),
                enum=THEME_VALUES,
            ),
            Field(
                "ogp_values",
                "string",
                _("Valeurs du PGO"),
                _("Codes des valeurs du PGO, séparés par « | »."),
                getter=lambda c: " | ".join(c.ogp_values),
            ),
            Field(
                "policy_areas",
                "string",
                _("Domaines d'action publique"),
                _("Domaines, séparés par « | »."),
                getter=lambda c: _names(c.policy_areas),
            ),
            COMMITMENT_LEAD_INSTITUTION,
            Field(
                "lead_institution_id",
                "integer",
                _("Identifiant de l'institution responsable"),
                _("Son identifiant dans le jeu de données des acteurs."),
                source="lead_institution_id",
            ),
            Field(
                "supporting_institutions",
                "string",
                _("Partenaires"),
                _("Noms des partenaires, séparés par « | »."),
                getter=lambda c: _names(c.supporting_institutions),
            ),
            Field(
                "implementation_status",
                "string",
                _("État d'avancement"),
                _("Calculé d'après les jalons."),
                enum=STATUS_VALUES,
            ),
            Field(
                "progress",
                "integer",
                _("Avancement (%)"),
                _("Part pondérée des jalons réalisés, en pour cent ; vide sans jalon."),
                getter=progress_percent,
            ),
            COMMITMENT_URL,
            COMMITMENT_UPDATED_AT,
        ),
    )
)

registry.register(
    Dataset(
        slug="jalons",
        title=_("Jalons des engagements"),
        description=_(
            "Les jalons des engagements publiés : dates prévues, livrable, poids, état déclaré par "
            "l'institution responsable et date de réalisation."
        ),
        keywords=(_("engagements"), _("jalons"), _("redevabilité")),
        queryset=lambda: milestones_public().select_related("commitment"),
        fields=(
            Field(
                "id",
                "integer",
                _("Identifiant"),
                _("Identifiant stable du jalon."),
                required=True,
                unique=True,
            ),
            Field(
                "reference",
                "string",
                _("Identifiant externe"),
                _("Clé stable du jalon."),
                required=True,
                unique=True,
            ),
            Field(
                "commitment",
                "string",
                _("Engagement"),
                _("Identifiant externe de l'engagement."),
                source="commitment__reference",
                required=True,
            ),
            Field("title", "string", _("Intitulé"), _("Intitulé en français."), required=True),
            Field(
                "deliverable", "string", _("Livrable"), _("Ce qui prouve que le jalon est atteint.")
            ),
            Field("starts_on", "date", _("Début prévu"), _("Date de début prévue.")),
            Field("ends_on", "date", _("Fin prévue"), _("Date de fin prévue."), required=True),
            Field(
                "weight",
                "integer",
                _("Poids"),
                _("Part du jalon dans l'avancement de l'engagement."),
                required=True,
            ),
            Field(
                "status",
                "string",
                _("État déclaré"),
                _("État déclaré par l'institution responsable."),
                enum=tuple(Milestone.Status.values),
                required=True,
            ),
            Field("completed_on", "date", _("Réalisé le"), _("Date de réalisation.")),
            Field(
                "updated_at",
                "datetime",
                _("Mise à jour"),
                _("Date de la dernière modification (UTC)."),
                required=True,
            ),
        ),
    )
)

registry.register(
    Dataset(
        slug="points-avancement",
        title=_("Points d'avancement des engagements"),
        description=_(
            "Les comptes rendus datés publiés par les institutions sur l'avancement de leurs "
            "engagements, signés du nom public de l'agent, avec leurs preuves."
        ),
        keywords=(_("engagements"), _("avancement"), _("redevabilité")),
        queryset=lambda: updates_public().prefetch_related("evidence"),
        modified_field="published_at",
        fields=(
            Field(
                "id",
                "integer",
                _("Identifiant"),
                _("Identifiant stable du point d'avancement."),
                required=True,
                unique=True,
            ),
            Field(
                "commitment",
                "string",
                _("Engagement"),
                _("Identifiant externe de l'engagement."),
                source="commitment__reference",
                required=True,
            ),
            Field(
                "milestone",
                "string",
                _("Jalon"),
                _("Identifiant externe du jalon concerné, s'il y en a un."),
                source="milestone__reference",
            ),
            Field(
                "published_at",
                "datetime",
                _("Publié le"),
                _("Date de publication (UTC)."),
                required=True,
            ),
            Field(
                "institution",
                "string",
                _("Institution"),
                _("L'institution pour laquelle l'agent rend compte."),
                source="institution__name",
                required=True,
            ),
            Field(
                "signed_by",
                "string",
                _("Signé par"),
                _("Nom public de l'agent (jamais son adresse)."),
                getter=lambda update: update.author.public_name,
            ),
            Field("text", "string", _("Compte rendu"), _("En Markdown."), required=True),
            Field(
                "new_status",
                "string",
                _("Nouvel état du jalon"),
                _("L'état donné au jalon par ce point, s'il l'a changé."),
                enum=tuple(Milestone.Status.values),
            ),
            Field(
                "evidence",
                "string",
                _("Preuves"),
                _("Intitulé et adresse de chaque preuve, séparés par « | »."),
                getter=lambda update: " | ".join(
                    f"{e.title} <{_absolute(e.get_absolute_url())}>" for e in update.evidence.all()
                ),
            ),
        ),
    )
)

registry.register(
    Dataset(
        slug="avis-partenaires",
        title=_("Avis des partenaires sur les jalons"),
        description=_(
            "La seconde voix sur l'avancement : l'avis de chaque partenaire de la société civile sur "
            "l'état déclaré d'un jalon, d'accord ou non, et pourquoi."
        ),
        keywords=(_("société civile"), _("jalons"), _("redevabilité")),
        queryset=lambda: assessments_public().select_related(
            "milestone", "milestone__commitment", "partner"
        ),
        fields=(
            Field(
                "id",
                "integer",
                _("Identifiant"),
                _("Identifiant stable de l'avis."),
                required=True,
                unique=True,
            ),
            Field(
                "commitment",
                "string",
                _("Engagement"),
                _("Identifiant externe de l'engagement."),
                source="milestone__commitment__reference",
                required=True,
            ),
            Field(
                "milestone",
                "string",
                _("Jalon"),
                _("Identifiant externe du jalon."),
                source="milestone__reference",
                required=True,
            ),
            Field(
                "partner",
                "string",
                _("Partenaire"),
                _("Nom de l'organisation partenaire."),
                source="partner__name",
                required=True,
            ),
            Field(
                "position",
                "string",
                _("Position"),
                _("D'accord ou non avec l'état déclaré."),
                enum=tuple(PartnerAssessment.Position.values),
                required=True,
            ),
            Field(
                "assessed_status",
                "string",
                _("État déclaré alors"),
                _("L'état déclaré du jalon au moment de l'avis."),
                enum=tuple(Milestone.Status.values),
                required=True,
            ),
            Field("comment", "string", _("Commentaire"), _("En Markdown."), required=True),
            Field(
                "updated_at",
                "datetime",
                _("Mise à jour"),
                _("Date de l'avis (UTC)."),
                required=True,
            ),
        ),
    )
)

registry.register(
    Dataset(
        slug="evaluations-mri",
        title=_("Évaluations du Mécanisme de rapport indépendant"),
        description=_(
            "Les appréciations du MRI sur les engagements publiés : vérifiabilité, pertinence, impact "
            "ou potentiel de résultats, achèvement, ouverture du gouvernement, premiers résultats."
        ),
        keywords=("IRM", _("évaluation"), "OGP"),
        queryset=lambda: evaluations_public().select_related("commitment"),
        fields=(
            Field(
                "commitment",
                "string",
                _("Engagement"),
                _("Identifiant externe de l'engagement."),
                source="commitment__reference",
                required=True,
                unique=True,
            ),
            Field("verifiable", "boolean", _("Vérifiable"), _("Vide : non évalué.")),
            Field(
                "relevant",
                "boolean",
                _("Pertinent"),
                _("Pertinent au regard des valeurs du PGO (grille jusqu'en 2020)."),
            ),
            Field(
                "open_government_lens",
                "boolean",
                _("Optique de gouvernement ouvert"),
                _("Grille depuis 2021."),
            ),
            Field(
                "potential_impact",
                "string",
                _("Impact potentiel"),
                _("Grille jusqu'en 2020."),
                enum=tuple(PotentialImpact.values),
            ),
            Field(
                "ambition",
                "string",
                _("Ambition"),
                _("Niveau d'ambition."),
                enum=tuple(Ambition.values),
            ),
            Field(
                "potential_for_results",
                "string",
                _("Potentiel de résultats"),
                _("Grille depuis 2021."),
                enum=tuple(PotentialForResults.values),
            ),
            Field("starred", "boolean", _("Étoilé"), _("Grille jusqu'en 2020.")),
            Field("promising", "boolean", _("Prometteur"), _("Grille depuis 2021.")),
            Field(
                "completion",
                "string",
                _("Achèvement"),
                _("Degré d'achèvement."),
                enum=tuple(Completion.values),
            ),
            Field(
                "opened_government",
                "string",
                _("Ouverture du gouvernement"),
                _("A-t-il ouvert le gouvernement ?"),
                enum=tuple(OpenedGovernment.values),
            ),
            Field(
                "early_results",
                "string",
                _("Premiers résultats"),
                _("Grille depuis 2021."),
                enum=tuple(EarlyResults.values),
            ),
            Field(
                "updated_at",
                "datetime",
                _("Mise à jour"),
                _("Date de la dernière saisie (UTC)."),
                required=True,
            ),
        ),
        primary_key="commitment",
    )
)


# The OGP record's own vocabulary (opengovpartnership.org commitment pages and IRM reports), so
# that the export reads like the OGP's data and can be compared or merged with it.
OGP_VALUE_NAMES = {
    "access_to_information": "Access to Information",
    "civic_participation": "Civic Participation",
    "public_accountability": "Public Accountability",
    "technology_innovation": "Technology and Innovation for Transparency and Accountability",
}
IRM_WORDING = {
    "potential_impact": {
        PotentialImpact.NONE: "None",
        PotentialImpact.MINOR: "Minor",
        PotentialImpact.MODERATE: "Moderate",
        PotentialImpact.TRANSFORMATIVE: "Transformative",
    },
    "ambition": {
        Ambition.LOW: "Low (ambition)",
        Ambition.MODERATE: "Moderate (ambition)",
        Ambition.HIGH: "High (ambition)",
    },
    "potential_for_results": {
        PotentialForResults.UNCLEAR: "Unclear",
        PotentialForResults.MODEST: "Modest",
        PotentialForResults.SUBSTANTIAL: "Substantial",
    },
    "completion": {
        Completion.NO_EVIDENCE: "No Evidence Available",
        Completion.NOT_STARTED: "Not Started",
        Completion.LIMITED: "Limited",
        Completion.SUBSTANTIAL: "Substantial",
        Completion.COMPLETE: "Complete",
    },
    "opened_government": {
        OpenedGovernment.WORSENED: "Worsened",
        OpenedGovernment.DID_NOT_CHANGE: "Did Not Change",
        OpenedGovernment.MARGINAL: "Marginal",
        OpenedGovernment.MAJOR: "Major",
        OpenedGovernment.OUTSTANDING: "Outstanding",
    },
    "early_results": {
        EarlyResults.NO_NOTABLE: "No Notable Results",
        EarlyResults.MODERATE: "Moderate",
        EarlyResults.SIGNIFICANT: "Significant",
        EarlyResults.OUTSTANDING: "Outstanding",
    },
}


def _evaluation(commitment):
    """The commitment's IRM evaluation, or None (public with its commitment: same rule)."""
    try:
        return commitment.evaluation
    except Evaluation.DoesNotExist:
        return None


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("Yes" if value else "No")


def _irm(name: str):
    """A getter of the evaluation field `name` worded as the OGP record words it."""

    def value(commitment) -> str | None:
        evaluation = _evaluation(commitment)
        chosen = getattr(evaluation, name, "") if evaluation else ""
        return IRM_WORDING[name].get(chosen) if chosen else None

    return value


def _irm_flag(name: str):
    def value(commitment) -> str | None:
        evaluation = _evaluation(commitment)
        return _yes_no(getattr(evaluation, name)) if evaluation else None

    return value


def _ogp_values(values) -> str:
    return "|".join(OGP_VALUE_NAMES[value] for value in values if value in OGP_VALUE_NAMES)


def _relevant_values(commitment) -> str | None:
    """ "Yes (Access to Information|Civic Participation)", "Yes", "No", or empty."""
    evaluation = _evaluation(commitment)
    if evaluation is None or evaluation.relevant is None:
        return None
    answer = _yes_no(evaluation.relevant)
    values = _ogp_values(evaluation.relevant_values)
    return f"{answer} ({values})" if evaluation.relevant and values else answer


def _impact_or_ambition(commitment) -> str | None:
    return _irm("potential_impact")(commitment) or _irm("ambition")(commitment)


def _results_or_opened(commitment) -> str | None:
    return _irm("opened_government")(commitment) or _irm("early_results")(commitment)


def _wording(*names: str) -> tuple[str, ...]:
    return tuple(word for name in names for word in IRM_WORDING[name].values())


YES_NO = ("Yes", "No")


def _assessed(name: str, title, description, getter, enum: tuple[str, ...]) -> Field:
    """A column of the IRM's assessment, in the OGP record's wording (`enum`)."""
    return Field(name, "string", title, description, getter=getter, enum=enum)


registry.register(
    Dataset(
        slug="engagements-pgo",
        title=_("Engagements au format du registre du PGO"),
        description=_(
            "Un engagement publié par ligne, avec son évaluation par le MRI, dans les colonnes et le "
            "vocabulaire (en anglais) des fiches d'engagement du site du Partenariat pour un "
            "gouvernement ouvert : de quoi comparer ou compléter le registre international."
        ),
        keywords=("OGP", "IRM", _("engagements"), _("gouvernement ouvert")),
        queryset=lambda: _commitment_rows().select_related("evaluation"),
        fields=(
            COMMITMENT_REFERENCE,
            COMMITMENT_OGP_ID,
            Field(
                "action_plan",
                "string",
                _("Plan d'action"),
                _("Titre anglais du plan d'action (à défaut, son titre)."),
                getter=lambda c: c.plan.title_en or c.plan.title,
                required=True,
            ),
            Field(
                "num_in_plan",
                "integer",
                _("Numéro dans le plan"),
                _("Numéro de l'engagement dans son plan."),
                source="number",
            ),
            Field("title_en", "string", _("Titre (anglais)"), _("Titre en anglais, s'il existe.")),
            Field("title_fr", "string", _("Titre"), _("Titre en français."), source="title"),
            COMMITMENT_LEAD_INSTITUTION,
            Field(
                "supporting_institutions",
                "string",
                _("Partenaires"),
                _("Noms des partenaires, séparés par « | »."),
                getter=lambda c: "|".join(sorted(i.name for i in c.supporting_institutions.all())),
            ),
            Field(
                "policy_areas",
                "string",
                _("Domaines d'action publique"),
                _("Domaines, séparés par « | »."),
                getter=lambda c: "|".join(sorted(area.name for area in c.policy_areas.all())),
            ),
            Field(
                "ogp_values",
                "string",
                _("Valeurs du PGO"),
                _("Valeurs du PGO que l'engagement déclare servir, séparées par « | »."),
                getter=lambda c: _ogp_values(c.ogp_values),
            ),
            _assessed(
                "verifiable",
                _("Vérifiable"),
                _("Appréciation du MRI : Yes ou No ; vide : non évalué."),
                _irm_flag("verifiable"),
                YES_NO,
            ),
            Field(
                "relevant_ogp_values",
                "string",
                _("Pertinence"),
                _("Pertinent au regard des valeurs du PGO, et lesquelles (grille jusqu'en 2020)."),
                getter=_relevant_values,
            ),
            _assessed(
                "open_government_lens",
                _("Optique de gouvernement ouvert"),
                _("Grille depuis 2021 : Yes ou No."),
                _irm_flag("open_government_lens"),
                YES_NO,
            ),
            _assessed(
                "potential_impact_or_ambition",
                _("Impact potentiel ou ambition"),
                _("Impact potentiel (grille jusqu'en 2020), à défaut le niveau d'ambition."),
                _impact_or_ambition,
                _wording("potential_impact", "ambition"),
            ),
            _assessed(
                "potential_for_results",
                _("Potentiel de résultats"),
                _("Grille depuis 2021."),
                _irm("potential_for_results"),
                _wording("potential_for_results"),
            ),
            _assessed(
                "starred",
                _("Étoilé"),
                _("Grille jusqu'en 2020 : Yes ou No."),
                _irm_flag("starred"),
                YES_NO,
            ),
            _assessed(
                "promising",
                _("Prometteur"),
                _("Grille depuis 2021 : Yes ou No."),
                _irm_flag("promising"),
                YES_NO,
            ),
            _assessed(
                "completion",
                _("Achèvement"),
                _("Degré d'achèvement selon le MRI."),
                _irm("completion"),
                _wording("completion"),
            ),
            _assessed(
                "early_results_did_it_open_government",
                _("Ouverture du gouvernement ou premiers résultats"),
                _(
                    "« A-t-il ouvert le gouvernement ? » (jusqu'en 2020), à défaut les premiers résultats."
                ),
                _results_or_opened,
                _wording("opened_government", "early_results"),
            ),
            replace(COMMITMENT_URL, name="source_url"),
            COMMITMENT_UPDATED_AT,
        ),
        primary_key="reference",
    )
)


def _commitment_history():
    return (
        public(HistoryEntry)
        .filter(scope__startswith="plans.commitment:")
        .select_related("actor", "content_type")
        .order_by("id")
    )


registry.register(
    Dataset(
        slug="historique-engagements",
        title=_("Historique des engagements"),
        description=_(
            "Chaque modification des engagements publiés, de leurs jalons, points d'avancement, avis "
            "et évaluations : qui (nom public), quand, quoi (valeurs avant et après). L'historique "
            "d'un engagement publié comprend celui de sa rédaction."
        ),
        keywords=(_("historique"), _("transparence"), _("engagements")),
        queryset=_commitment_history,
        modified_field="created_at",
        fields=(
            Field(
                "id",
                "integer",
                _("Identifiant"),
                _("Identifiant stable de la modification."),
                required=True,
                unique=True,
            ),
            Field(
                "commitment_id",
                "integer",
                _("Engagement"),
                _("Identifiant de l'engagement (jeu « engagements »)."),
                getter=lambda entry: int(entry.scope.rsplit(":", 1)[1]),
            ),
            Field(
                "object_type",
                "string",
                _("Type d'objet"),
                _("Ce qui a changé : engagement, jalon, point d'avancement, avis, évaluation."),
                getter=lambda entry: entry.content_type.model,
            ),
            Field(
                "object",
                "string",
                _("Objet"),
                _("Libellé de l'objet au moment du changement."),
                source="object_repr",
            ),
            Field(
                "action",
                "string",
                _("Action"),
                _("Création, modification, suppression ou publication."),
                enum=tuple(HistoryEntry.Action.values),
                required=True,
            ),
            Field(
                "changes",
                "string",
                _("Changements"),
                _("Par champ, la valeur avant et après, en JSON."),
                getter=lambda entry: json.dumps(entry.changes, ensure_ascii=False),
            ),
            Field("message", "string", _("Motif"), _("Le motif donné, s'il y en a un.")),
            Field(
                "author",
                "string",
                _("Auteur"),
                _("Nom public de l'auteur du changement ; vide pour le système."),
                getter=lambda entry: entry.actor.public_name if entry.actor else "",
            ),
            Field(
                "created_at", "datetime", _("Date"), _("Date du changement (UTC)."), required=True
            ),
        ),
    )
)
