from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ouvert.core.http import absolute_url
from ouvert.core.opendata import Dataset, Field, registry
from ouvert.plans.models import Phase
from ouvert.plans.selectors import phases_public, plans_public


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
