"""Threaded comments on proposals, blog posts and the paragraphs of debated texts, moderated before
publication and reportable."""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.core import publicity

# Replies to replies are shown, but no deeper: a discussion stays readable on a phone.
MAX_DEPTH = 3
# What can be commented on.
COMMENT_TARGETS = ("participation.Proposal", "blog.Post", "debates.Paragraph")


class CommentQuerySet(models.QuerySet):
    def published(self) -> "CommentQuerySet":
        return publicity.public(self)

    def on(self, target: models.Model) -> "CommentQuerySet":
        return self.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        )


class Comment(models.Model):
    """A comment on a proposal, a blog post or a debated paragraph, or a reply to another comment."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de modération")
        PUBLISHED = "published", _("Publié")
        REJECTED = "rejected", _("Refusé par la modération")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("en réponse à"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    body = models.TextField(_("commentaire"))
    suggestion = models.TextField(
        _("reformulation proposée"),
        blank=True,
        help_text=_(
            "Le texte commenté tel que l'auteur·rice propose de le réécrire (paragraphes)."
        ),
    )
    status = models.CharField(
        _("modération"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    moderation_reason = models.TextField(_("motif de la décision de modération"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modéré par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("modéré le"), null=True, blank=True)
    created_at = models.DateTimeField(_("écrit le"), default=timezone.now)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    # The moderation of a comment is recorded in its own history, never in its target's public
    # change log: a refused comment must not show there.
    history_fields = ("status",)

    class Meta:
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "status"], name="participation_comment_target"
            )
        ]

    def __str__(self) -> str:
        # Never the text: this label goes into history rows.
        return _("Commentaire n° %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return self.target.get_absolute_url() + f"#commentaire-{self.pk}"


class CommentReport(models.Model):
    """Someone reports a published comment to the moderators, once, with a reason."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("commentaire"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signalé par"),
        on_delete=models.CASCADE,
        related_name="comment_reports",
    )
    reason = models.TextField(_("motif du signalement"))
    created_at = models.DateTimeField(_("le"), default=timezone.now)
    resolved_at = models.DateTimeField(_("traité le"), null=True, blank=True)

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="participation_report_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.comment} — {self.created_at:%Y-%m-%d}"


def _public_comment() -> Q:
    """Published by the moderation, on a target that is public itself: the comments of a proposal
    withdrawn or of a post unpublished go private with it."""
    on_public_target = Q(pk__in=[])
    for label in COMMENT_TARGETS:
        target = apps.get_model(label)
        on_public_target |= Q(
            content_type=ContentType.objects.get_for_model(target),
            object_id__in=publicity.public(target).values("pk"),
        )
    return Q(status=Comment.Status.PUBLISHED) & on_public_target


publicity.publish(
    Comment,
    _public_comment,
    private_fields=("moderation_reason", "moderated_by"),
)
