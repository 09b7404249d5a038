"""The public dataset of actors: CSV, JSON and GeoJSON (for the map), with its Table Schema.

Field names follow the national data·inclusion "structure" schema where they overlap (nom,
description, site_web, courriel, code_insee, code_postal, commune, latitude, longitude, siret,
date_maj, lien_source, source). Private contacts are never in it: only the export of a search by
a public agent adds them (`EXPORT_FIELDS`).
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.actors.models import Actor
from ouvert.actors.selectors import actors_public
from ouvert.actors.themes import Theme
from ouvert.core.http import absolute_url
from ouvert.core.opendata import Dataset, Field, field_rows, registry


def _actor_url(pk: int) -> str:
    return absolute_url(reverse("actors:detail", kwargs={"pk": pk}))


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def _source(value: str) -> str:
    return "rna" if value == Actor.Source.RNA else "ouvert"


def _themes(value: str) -> str:
    return ",".join(value.split())


PUBLIC_FIELDS = (
    Field(
        "id",
        "integer",
        _("Identifiant"),
        _("Identifiant stable de l'acteur."),
        required=True,
        unique=True,
    ),
    Field("nom", "string", _("Nom"), _("Nom de l'organisation."), source="name", required=True),
    Field("sigle", "string", _("Sigle"), _("Sigle ou nom court."), source="short_name"),
    Field(
        "type_acteur",
        "string",
        _("Type d'acteur"),
        _(
            "Association, collectif, laboratoire d'idées, entreprise, fondation, syndicat, média, organisme public…"
        ),
        source="kind",
        required=True,
        enum=tuple(Actor.Kind.values),
    ),
    Field(
        "description",
        "string",
        _("Mission"),
        _("Ce que fait l'acteur (objet de l'association pour le RNA)."),
        source="mission",
    ),
    Field(
        "themes",
        "string",
        _("Thèmes"),
        _("Codes des thèmes, séparés par des virgules : ") + ", ".join(Theme.values),
        source="themes",
        transform=_themes,
    ),
    Field(
        "territoire",
        "string",
        _("Territoire d'action"),
        _("Territoire où l'acteur agit, en clair."),
        source="territory",
    ),
    Field(
        "site_web",
        "string",
        _("Site web"),
        _("Site de l'organisation."),
        source="website",
        format="uri",
    ),
    Field(
        "courriel",
        "string",
        _("Courriel"),
        _("Adresse de contact publique de l'organisation."),
        source="public_email",
        format="email",
    ),
    Field("code_insee", "string", _("Code INSEE"), _("Commune du siège."), source="commune_id"),
    Field(
        "commune", "string", _("Commune"), _("Nom de la commune du siège."), source="commune__name"
    ),
    Field(
        "code_postal", "string", _("Code postal"), _("Code postal du siège."), source="postal_code"
    ),
    Field(
        "departement",
        "string",
        _("Département"),
        _("Code du département."),
        source="department_code",
    ),
    Field("region", "string", _("Région"), _("Code INSEE de la région."), source="region_code"),
    Field(
        "latitude",
        "number",
        _("Latitude"),
        _("Position précise, ou point de la commune."),
        source="latitude",
    ),
    Field(
        "longitude",
        "number",
        _("Longitude"),
        _("Position précise, ou point de la commune."),
        source="longitude",
    ),
    Field(
        "rna",
        "string",
        _("Numéro RNA"),
        _("Numéro au répertoire national des associations."),
        source="rna_id",
    ),
    Field("siret", "string", _("SIRET"), _("Numéro SIRET, quand il est connu."), source="siret"),
    Field(
        "objet_social",
        "string",
        _("Objet social"),
        _("Codes de la nomenclature RNA, séparés par des espaces."),
        source="rna_objects",
    ),
    Field(
        "date_creation",
        "date",
        _("Date de création"),
        _("Date de création de l'organisation."),
        source="founded_on",
    ),
    Field(
        "date_dissolution",
        "date",
        _("Date de dissolution"),
        _("Date de dissolution, le cas échéant."),
        source="dissolved_on",
    ),
    Field(
        "dissous",
        "boolean",
        _("Dissous"),
        _("L'organisation est dissoute."),
        source="is_dissolved",
        required=True,
    ),
    Field(
        "verifie",
        "boolean",
        _("Vérifié"),
        _("Un représentant ou une inscription a été vérifié par la modération."),
        source="is_verified",
        required=True,
    ),
    Field(
        "source",
        "string",
        _("Source"),
        _(
            "« rna » pour le répertoire national des associations, « ouvert » pour une inscription sur la plateforme."
        ),
        source="source",
        transform=_source,
        enum=("rna", "ouvert"),
    ),
    Field(
        "lien_source",
        "string",
        _("Page web"),
        _("Adresse de l'acteur sur la plateforme."),
        source="pk",
        transform=_actor_url,
        format="uri",
    ),
    Field(
        "date_maj",
        "date",
        _("Mise à jour"),
        _("Date de la dernière modification."),
        source="updated_at",
        transform=_day,
        required=True,
    ),
)

PRIVATE_FIELDS = (
    Field(
        "courriel_agents",
        "string",
        _("Courriel (agents)"),
        _("Contact réservé aux agents publics."),
        source="private_email",
    ),
    Field(
        "telephone_agents",
        "string",
        _("Téléphone (agents)"),
        _("Contact réservé aux agents publics."),
        source="private_phone",
    ),
)
# What a public agent's export of a search holds: the public fields, then the private contacts.
EXPORT_FIELDS = PUBLIC_FIELDS + PRIVATE_FIELDS

ACTORS_DATASET = registry.register(
    Dataset(
        slug="acteurs",
        title=_("Acteurs du gouvernement ouvert"),
        description=_(
            "Associations, collectifs, laboratoires d'idées, entreprises, fondations, syndicats, "
            "médias et organismes publics : les acteurs publiés sur la plateforme, dont les "
            "associations du répertoire national des associations (RNA), sans aucune donnée "
            "personnelle."
        ),
        keywords=(_("gouvernement ouvert"), _("associations"), "RNA", _("société civile")),
        queryset=actors_public,
        fields=PUBLIC_FIELDS,
        point=("latitude", "longitude"),
    )
)


def export_rows(actors):
    """The rows of an agent's export of a search (public fields, then private contacts)."""
    return field_rows(actors, EXPORT_FIELDS)
