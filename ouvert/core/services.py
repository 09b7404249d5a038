"""Writes shared by every app."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from ouvert.core.history import diff, snapshot
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


def save_with_history(
    *,
    instance: models.Model,
    acting_user: Any,
    data: dict[str, Any],
    many_to_many: dict[str, list[models.Model]] | None = None,
    message: str = "",
) -> bool:
    """Apply `data` (and many-to-many values) to `instance`, validate, save and record the change.

    The model's `history_fields` say what is recorded. A new instance is recorded as created with
    its non-empty values, an existing one as updated with what changed. When nothing changes,
    nothing is saved and no history is written, so an import or the demo can run again and again.
    Returns whether anything was written; raises `ValidationError` (nothing saved) on invalid values.
    """
    model = type(instance)
    many_to_many = many_to_many or {}
    created = instance._state.adding
    before = {} if created else snapshot(instance, model.history_fields)
    for name, value in data.items():
        setattr(instance, name, value)
    after = {}
    for name in model.history_fields:
        if not model._meta.get_field(name).many_to_many:
            after.update(snapshot(instance, [name]))
        elif name in many_to_many:
            after[name] = sorted(str(value) for value in many_to_many[name])
        else:
            after[name] = before.get(name, [])
    if created:
        changes = {
            name: [None, value]
            for name, value in after.items()
            if value not in (None, "", [], False)
        }
    else:
        changes = diff(before, after)
        if not changes:
            return False
    instance.full_clean()
    instance.save()
    for name, values in many_to_many.items():
        getattr(instance, name).set(values)
    history_record(
        instance=instance,
        acting_user=acting_user,
        action=HistoryEntry.Action.CREATED if created else HistoryEntry.Action.UPDATED,
        changes=changes,
        message=message,
    )
    return True
