"""Writes of comments: posting (held for moderation), moderation with reasons, reports."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import gettext as _

from ouvert.core.emails import email_enqueue
from ouvert.core.http import absolute_url
from ouvert.notifications.models import Notification
from ouvert.notifications.services import notify_followers
from ouvert.participation.models import Comment, CommentReport
from ouvert.participation.models.comments import MAX_DEPTH
from ouvert.participation.services.moderation import moderation_decide

BODY_MAX = 5_000


@transaction.atomic
def comment_post(
    *,
    acting_user: Any,
    target: models.Model,
    body: str,
    parent: Comment | None = None,
    suggestion: str = "",
) -> Comment:
    """Write a comment on a published record, or a reply; it waits for moderation.

    A target may close its comments (`comments_open`, a debated paragraph once its debate is
    over); a comment may come with a proposed rewording of the text it comments (`suggestion`).
    """
    if not getattr(target, "is_published", False):
        raise ValidationError(_("On ne commente que ce qui est publié."))
    if not getattr(target, "comments_open", True):
        raise ValidationError(_("Les commentaires sont clos."))
    body, suggestion = body.strip(), suggestion.strip()
    if not body:
        raise ValidationError({"body": _("Le commentaire est vide.")})
    if len(body) > BODY_MAX:
        raise ValidationError({"body": _("%(max)s caractères au plus.") % {"max": BODY_MAX}})
    if len(suggestion) > BODY_MAX:
        raise ValidationError({"suggestion": _("%(max)s caractères au plus.") % {"max": BODY_MAX}})
    content_type = ContentType.objects.get_for_model(target)
    depth = 0
    if parent is not None:
        parent = Comment.objects.filter(pk=parent.pk).first()
    if parent is not None:
        if (
            parent.content_type_id != content_type.pk
            or parent.object_id != target.pk
            or parent.status != Comment.Status.PUBLISHED
        ):
            raise ValidationError(_("On ne répond qu'à un commentaire publié de cette page."))
        # Past the deepest level, a reply joins the discussion of the comment it answers.
        while parent.depth >= MAX_DEPTH - 1:
            parent = parent.parent
        depth = parent.depth + 1
    comment = Comment.objects.create(
        content_type=content_type,
        object_id=target.pk,
        parent=parent,
        depth=depth,
        author=acting_user,
        body=body,
        suggestion=suggestion,
    )
    return comment


@transaction.atomic
def comment_moderate(
    *, acting_user: Any, comment: Comment, publish: bool, reason: str = ""
) -> Comment:
    """Publish a comment or refuse it (a published one can be withdrawn), with a reason for a refusal.

    The reports on the comment are settled by the decision. Followers of the commented record hear
    of a comment when it is first published.
    """
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    changed, first_publication = moderation_decide(
        instance=comment,
        acting_user=acting_user,
        publish=publish,
        reason=reason,
        published=Comment.Status.PUBLISHED,
        rejected=Comment.Status.REJECTED,
    )
    if not changed:
        return comment
    target = comment.target
    if first_publication:
        notify_followers(
            target=target,
            kind=Notification.Kind.COMMENT,
            title=str(target),
            path=comment.get_absolute_url(),
            exclude=comment.author,
        )
    elif not publish and comment.author.is_active:
        author = comment.author
        email_enqueue(
            to=author.email,
            template="participation/emails/comment_rejected",
            context={
                "comment": comment,
                "target": target,
                "url": absolute_url(translate_url(target.get_absolute_url(), author.language)),
            },
            language=author.language,
        )
    return comment


@transaction.atomic
def comment_reports_dismiss(*, acting_user: Any, comment: Comment) -> int:
    """The moderators keep a reported comment: its open reports are settled."""
    return comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())


def comment_report(*, acting_user: Any, comment: Comment, reason: str) -> CommentReport:
    """Report a published comment to the moderators; reporting it again changes nothing."""
    if comment.status != Comment.Status.PUBLISHED:
        raise ValidationError(_("Ce commentaire n'est pas publié."))
    if not reason.strip():
        raise ValidationError({"reason": _("Dites ce qui pose problème.")})
    try:
        with transaction.atomic():
            report, _created = CommentReport.objects.get_or_create(
                comment=comment, reporter=acting_user, defaults={"reason": reason.strip()}
            )
    except IntegrityError:
        report = CommentReport.objects.get(comment=comment, reporter=acting_user)
    return report
