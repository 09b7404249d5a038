"""Following and unfollowing public records."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from ouvert.notifications.models import Follow


def follow_set(*, user, target: models.Model, following: bool) -> bool:
    """Make `user` follow `target` or stop; safe when repeated or sent twice at once."""
    content_type = ContentType.objects.get_for_model(target)
    if not following:
        Follow.objects.filter(user=user, content_type=content_type, object_id=target.pk).delete()
        return False
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(user=user, content_type=content_type, object_id=target.pk)
    except IntegrityError:
        # Another request created it between our read and our write: it is there, as asked.
        pass
    return True
