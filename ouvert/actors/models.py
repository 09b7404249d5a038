"""The actors of Open Government: associations, collectives, think tanks, companies, public bodies..."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Actor(models.Model):
    """An organisation that takes part in Open Government: it may lead or support commitments."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        COLLECTIVE = "collective", _("Collectif citoyen")
        THINK_TANK = "think_tank", _("Laboratoire d'idées ou centre de recherche")
        COMPANY = "company", _("Entreprise")
        FOUNDATION = "foundation", _("Fondation")
        UNION = "union", _("Syndicat")
        MEDIA = "media", _("Média")
        PUBLIC_BODY = "public_body", _("Organisme public")
        OTHER = "other", _("Autre")

    name = models.CharField(_("nom"), max_length=255)
    kind = models.CharField(_("type d'acteur"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    history_fields = ("name", "kind")

    class Meta:
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
