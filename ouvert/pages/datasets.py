from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ouvert.core.http import absolute_url
from ouvert.core.opendata import Dataset, Field, registry
from ouvert.pages.selectors import pages_published


def _page_url(slug: str) -> str:
    return absolute_url(reverse("pages:detail", kwargs={"slug": slug}))


registry.register(
    Dataset(
        slug="pages",
        title=_("Pages éditoriales"),
        description=_(
            "Les pages publiées de la plateforme : mentions légales, politique de protection des "
            "données personnelles, déclaration d'accessibilité et autres textes, en Markdown."
        ),
        keywords=(_("mentions légales"), _("accessibilité"), _("données personnelles")),
        queryset=pages_published,
        fields=(
            Field(
                "id",
                "integer",
                _("Identifiant"),
                _("Identifiant stable de la page."),
                required=True,
                unique=True,
            ),
            Field(
                "slug",
                "string",
                _("Adresse"),
                _("Fin de l'adresse de la page."),
                required=True,
                unique=True,
            ),
            Field("title", "string", _("Titre"), _("Titre en français."), required=True),
            Field("title_en", "string", _("Titre (anglais)"), _("Titre en anglais, s'il existe.")),
            Field("body", "string", _("Texte"), _("Texte en français, en Markdown.")),
            Field(
                "body_en",
                "string",
                _("Texte (anglais)"),
                _("Texte en anglais, en Markdown, s'il existe."),
            ),
            Field(
                "url",
                "string",
                _("Page web"),
                _("Adresse de la page sur la plateforme."),
                source="slug",
                transform=_page_url,
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
