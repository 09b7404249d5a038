"""The moderation decision shared by proposals, comments and guest posts."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from ouvert.core.models import HistoryEntry
from ouvert.core.services import history_record


def moderation_decide(
    *,
    instance: models.Model,
    acting_user: Any,
    publish: bool,
    reason: str,
    published: str,
    rejected: str,
) -> tuple[bool, bool]:
    """Publish or refuse a contribution (a locked row with `status`, `moderation_reason`,
    `moderated_by`, `moderated_at` and `published_at`), and record the decision in its history.

    A refusal needs a reason: it is sent to the author. Returns (changed, first publication);
    deciding again what is already decided changes nothing.
    """
    if not publish and not reason.strip():
        raise ValidationError(
            {"reason": _("Indiquez le motif du refus : il est transmis à l'auteur·rice.")}
        )
    target = published if publish else rejected
    if instance.status == target:
        return False, False
    before = instance.status
    now = timezone.now()
    first_publication = publish and instance.published_at is None
    instance.status = target
    instance.moderation_reason = reason.strip()
    instance.moderated_by = acting_user
    instance.moderated_at = now
    if first_publication:
        instance.published_at = now
    instance.save()
    history_record(
        instance=instance,
        acting_user=acting_user,
        action=HistoryEntry.Action.PUBLISHED if publish else HistoryEntry.Action.UNPUBLISHED,
        changes={"status": [before, target]},
        message=instance.moderation_reason,
    )
    return True, first_publication
