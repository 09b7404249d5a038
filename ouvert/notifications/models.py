"""What people follow (a commitment, a proposal, an event series, a blog category), how they want
to hear of it, what they are told, and the newsletter for people without an account."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A person follows a public record and is told of its changes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("depuis le"), default=timezone.now)

    class Meta:
        verbose_name = _("suivi")
        verbose_name_plural = _("suivis")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="notifications_follow_once"
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="notif_follow_target_idx")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.content_type.model} {self.object_id}"


class NotificationPreference(models.Model):
    """How a person wants to hear of what they follow: at once, in a daily digest, or not at all."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Un courriel à chaque nouveauté")
        DAILY = "daily", _("Un résumé quotidien")
        NONE = "none", _("Aucun courriel")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    frequency = models.CharField(
        _("courriels de suivi"),
        max_length=16,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
    )
    event_reminders = models.BooleanField(
        _("rappels des événements"),
        default=True,
        help_text=_("Un rappel la veille des événements auxquels vous êtes inscrit·e."),
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("préférence de notification")
        verbose_name_plural = _("préférences de notification")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_frequency_display()}"


class Notification(models.Model):
    """Something new on a record a person follows: e-mailed at once, or kept for the daily digest."""

    class Kind(models.TextChoices):
        COMMITMENT_UPDATE = "commitment_update", _("Nouveau point d'avancement")
        PROPOSAL_ANSWERED = "proposal_answered", _("Réponse publique à une proposition")
        COMMENT = "comment", _("Nouveau commentaire")
        EVENT_SCHEDULED = "event_scheduled", _("Nouvel événement")
        EVENT_CANCELLED = "event_cancelled", _("Événement annulé")
        POST_PUBLISHED = "post_published", _("Nouveau billet")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("objet"), max_length=300)
    path = models.CharField(_("adresse"), max_length=500)
    created_at = models.DateTimeField(_("le"), default=timezone.now)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["sent_at", "user"], name="notif_pending_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.title}"


class NewsletterSubscription(models.Model):
    """An address that asked for the newsletter; it receives nothing until it confirms (double opt-in)."""

    email = models.EmailField(_("adresse électronique"), unique=True)
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES, default="fr")
    created_at = models.DateTimeField(_("demandé le"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnement à la lettre")
        verbose_name_plural = _("abonnements à la lettre")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # An address is personal data: the label shows only its domain.
        return f"…@{self.email.rsplit('@', 1)[-1]}"


class NewsletterIssue(models.Model):
    """An issue of the newsletter, written by the team and sent once to every confirmed address."""

    subject = models.CharField(_("objet"), max_length=200)
    body = models.TextField(_("texte"), help_text=_("En Markdown, envoyé en texte brut."))
    created_at = models.DateTimeField(_("rédigée le"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoyée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    recipients = models.PositiveIntegerField(_("destinataires"), default=0, editable=False)

    class Meta:
        verbose_name = _("lettre d'information")
        verbose_name_plural = _("lettres d'information")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("notifications:newsletter_issue", kwargs={"pk": self.pk})
