"""ouvert's own list of themes, shared by actors, commitments and contributions.

Stable codes (they appear in URLs, the API, open data, and as words of the actors' search index,
so each is one word) with French labels. The RNA "objet social" nomenclature of the actors maps
onto them (`ouvert.actors.themes`), and commitments take one of them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    # Codes are single words: they also serve as search tokens (see ouvert.actors.search).
    TRANSPARENCY = "transparency", _("Transparence et intégrité")
    PARTICIPATION = "participation", _("Participation citoyenne et vie démocratique")
    RIGHTS = "rights", _("Droits fondamentaux et lutte contre les discriminations")
    WOMEN = "women", _("Égalité femmes-hommes et violences faites aux femmes")
    JUSTICE = "justice", _("Justice et accès au droit")
    MEDIA = "media", _("Information et médias")
    DIGITAL = "digital", _("Numérique et inclusion numérique")
    PUBLIC_SERVICES = "services", _("Services publics et usagers")
    ENVIRONMENT = "environment", _("Environnement et climat")
    LOCAL = "local", _("Vie locale et développement local")
    FOOD = "food", _("Alimentation durable et agriculture")
    HEALTH = "health", _("Santé")
    EDUCATION = "education", _("Éducation et formation")
    RESEARCH = "research", _("Recherche")
    SOLIDARITY = "solidarity", _("Solidarité et action sociale")
    CULTURE = "culture", _("Culture et patrimoine")
    LEISURE = "leisure", _("Sport et loisirs")
    ECONOMY = "economy", _("Économie et emploi")
    HOUSING = "housing", _("Logement")
    INTERNATIONAL = "international", _("International et aide au développement")
    OTHER = "other", _("Autres domaines")
