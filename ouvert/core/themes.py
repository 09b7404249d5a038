"""ouvert's own list of themes, shared by commitments, actors and contributions.

Stable codes (they appear in URLs, the API and open data) with French labels. The RNA "objet social"
nomenclature of the actors and the OGP policy areas of commitments both map to these.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    TRANSPARENCY = "transparency", _("Transparence et intégrité")
    PARTICIPATION = "participation", _("Participation citoyenne")
    OPEN_DATA = "open_data", _("Données ouvertes et numérique public")
    DIGITAL_INCLUSION = "digital_inclusion", _("Inclusion numérique")
    ENVIRONMENT = "environment", _("Environnement et climat")
    SUSTAINABLE_FOOD = "sustainable_food", _("Alimentation durable")
    EQUALITY = "equality", _("Égalité et lutte contre les violences faites aux femmes")
    JUSTICE = "justice", _("Justice et droits")
    HEALTH = "health", _("Santé")
    EDUCATION = "education", _("Éducation et recherche")
    LOCAL_LIFE = "local_life", _("Vie locale et territoires")
    PUBLIC_SERVICES = "public_services", _("Services publics")
    SOLIDARITY = "solidarity", _("Solidarité et action sociale")
    ECONOMY = "economy", _("Économie et emploi")
    CULTURE = "culture", _("Culture et médias")
    INTERNATIONAL = "international", _("International et aide au développement")
