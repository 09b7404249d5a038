"""Writes shared by every app."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from ouvert.core.models import HistoryEntry, history_scope


def history_record(
    *,
    instance: models.Model,
    acting_user: Any,
    action: str,
    changes: dict[str, list[Any]] | None = None,
    message: str = "",
) -> HistoryEntry:
    """Write one history row for a change to `instance`.

    Call it inside the transaction that makes the change, so the record and its history are
    committed together or not at all. `acting_user` may be None for changes made by the system
    (imports, scheduled tasks); anonymous users are recorded as None too.
    """
    actor = acting_user if getattr(acting_user, "is_authenticated", False) else None
    return HistoryEntry.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        scope=history_scope(instance),
        object_repr=str(instance)[:255],
        action=action,
        changes=changes or {},
        message=message,
        actor=actor,
    )
