"""The key figures as open data: one row per figure (indicator, scope, category, value, unit)."""

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from ouvert.core.opendata import ComputedDataset, Field, registry
from ouvert.opendata.selectors import Indicator, Scope, Unit, statistics


def statistics_rows() -> Iterator[tuple[Any, ...]]:
    """Every figure as a row, with its labels in French whatever the language of the request."""
    with translation.override(settings.LANGUAGE_CODE):
        figures = statistics()
        rows = [
            (
                figure.key,
                figure.indicator.value,
                force_str(figure.indicator.label),
                figure.scope.value,
                figure.plan or None,
                figure.event or None,
                figure.category or None,
                force_str(figure.category_label) or None,
                figure.value,
                figure.unit.value,
                figures.computed_at,
            )
            for figure in figures.figures
        ]
    return iter(rows)


registry.register(
    ComputedDataset(
        slug="statistiques",
        title=_("Chiffres clés de la participation et de la redevabilité"),
        description=_(
            "Les chiffres de la page « Chiffres clés », calculés à chaque lecture sur les seules "
            "données publiques : inscriptions aux événements (par événement et au total, jamais qui "
            "s'est inscrit), propositions publiées, réponses, taux et délai médian de réponse, "
            "engagements par état et par tranche d'avancement, acteurs de la carte, conversations, "
            "débats, votes et billets de blog. Une ligne par chiffre, pour toute la plateforme, un "
            "plan d'action ou un événement."
        ),
        keywords=(_("gouvernement ouvert"), _("redevabilité"), _("statistiques")),
        compute=statistics_rows,
        fields=(
            Field(
                "id",
                "string",
                _("Identifiant"),
                _(
                    "Identifiant stable du chiffre : indicateur, périmètre, plan ou événement et "
                    "catégorie, séparés par des deux-points."
                ),
                required=True,
                unique=True,
                example="commitments_by_status:plan:2021-2023:late",
            ),
            Field(
                "indicator",
                "string",
                _("Indicateur"),
                _("Code de l'indicateur."),
                required=True,
                enum=tuple(Indicator.values),
            ),
            Field("label", "string", _("Intitulé"), _("Intitulé de l'indicateur, en français.")),
            Field(
                "scope",
                "string",
                _("Périmètre"),
                _(
                    "Sur quoi porte le chiffre : toute la plateforme, un plan d'action ou un événement."
                ),
                required=True,
                enum=tuple(Scope.values),
            ),
            Field(
                "plan",
                "string",
                _("Plan"),
                _("Code du plan d'action (périmètre « plan », ou plan de l'événement)."),
            ),
            Field(
                "event", "string", _("Événement"), _("Code de l'événement (périmètre « event »).")
            ),
            Field(
                "category",
                "string",
                _("Catégorie"),
                _(
                    "Code de la catégorie comptée (un état, un type, un choix de vote) ; vide pour "
                    "un chiffre sans catégorie. Les catégories d'un indicateur s'additionnent."
                ),
            ),
            Field(
                "category_label",
                "string",
                _("Intitulé de la catégorie"),
                _("Intitulé de la catégorie, en français."),
            ),
            Field(
                "value",
                "number",
                _("Valeur"),
                _(
                    "La valeur du chiffre, dans son unité. Un taux ou un délai sans objet (aucune "
                    "proposition, aucune réponse) n'a pas de ligne."
                ),
                required=True,
            ),
            Field(
                "unit",
                "string",
                _("Unité"),
                _("Unité de la valeur : nombre, pourcentage ou jours."),
                required=True,
                enum=tuple(Unit.values),
            ),
            Field(
                "computed_at",
                "datetime",
                _("Calculé le"),
                _("Moment du calcul (UTC)."),
                required=True,
            ),
        ),
    )
)
