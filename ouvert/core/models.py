"""The history of the public record: who changed what, and when."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.core.publicity import public_history_condition, publish


class HistoryEntry(models.Model):
    """One change to a public record, written by the service that made it, in the same transaction."""

    class Action(models.TextChoices):
        CREATED = "created", _("Création")
        UPDATED = "updated", _("Modification")
        DELETED = "deleted", _("Suppression")
        PUBLISHED = "published", _("Publication")
        UNPUBLISHED = "unpublished", _("Dépublication")

    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("type d'objet"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.CharField(_("identifiant de l'objet"), max_length=64)
    scope = models.CharField(
        _("dossier"),
        max_length=100,
        help_text=_(
            "Le registre public auquel appartient le changement : l'objet lui-même, ou son parent "
            "(les phases d'un plan appartiennent au dossier du plan)."
        ),
    )
    object_repr = models.CharField(
        _("libellé de l'objet"),
        max_length=255,
        help_text=_("Le libellé de l'objet au moment du changement, conservé s'il est supprimé."),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    changes = models.JSONField(
        _("changements"),
        default=dict,
        blank=True,
        help_text=_("Par champ : la valeur avant et la valeur après, [avant, après]."),
    )
    message = models.TextField(_("motif"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur du changement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="history_entries",
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        verbose_name = _("entrée d'historique")
        verbose_name_plural = _("historique")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["scope", "-created_at"], name="history_scope_idx"),
            models.Index(fields=["actor"], name="history_actor_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.object_repr} — {self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"
        )


class PeriodicRun(models.Model):
    """When a periodic job (see `ouvert.core.periodic`) last ran and next runs."""

    name = models.CharField(_("tâche"), max_length=100, primary_key=True)
    next_run_at = models.DateTimeField(_("prochaine exécution"))
    last_run_at = models.DateTimeField(_("dernière exécution"), null=True, blank=True)

    class Meta:
        verbose_name = _("tâche périodique")
        verbose_name_plural = _("tâches périodiques")

    def __str__(self) -> str:
        return self.name


publish(HistoryEntry, public_history_condition)


def history_scope(instance: models.Model) -> str:
    """The key of the public record a change to `instance` belongs to.

    A model whose changes belong to a parent record defines `history_owner()`, returning that parent.
    """
    owner = instance.history_owner() if hasattr(instance, "history_owner") else instance
    return f"{owner._meta.label_lower}:{owner.pk}"
