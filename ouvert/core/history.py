"""Snapshots, differences and display of the changes recorded in `HistoryEntry`.

A service takes a snapshot of the public fields of a record before changing it, another after, and
records the difference with `ouvert.core.services.history_record`. Values are stored as JSON:
dates in ISO 8601, related records by their label at the time of the change.
"""

import datetime
import difflib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from ouvert.core import publicity
from ouvert.core.models import HistoryEntry

# Text longer than this is shown as a line-by-line difference rather than as two whole values.
LONG_TEXT = 160
# What a moderation decision records: a contribution published or withdrawn (its status changes).
MODERATION_ACTIONS = frozenset({HistoryEntry.Action.PUBLISHED, HistoryEntry.Action.UNPUBLISHED})


def json_value(value: Any) -> Any:
    """Turn a field value into something JSON can store and a person can read back."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID | Promise):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dict):
        # Compared by content: PostgreSQL's jsonb gives keys back in its own order, so the same
        # links read as a different string, and re-saving them wrote a change that was none.
        return {str(key): json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_value(item) for item in value]
    return force_str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields` on `instance` (many-to-many fields as sorted labels)."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(str(related) for related in getattr(instance, name).all())
        else:
            values[name] = json_value(getattr(instance, name))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value changed, as {field: [before, after]}."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str
    # For long texts: the changed lines, each a (sign, text) pair with sign "+" or "-".
    lines: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ChangeLogEntry:
    entry: HistoryEntry
    actor_name: str
    action_label: str
    fields: tuple[FieldChange, ...]
    message: str = ""


def _display(field: models.Field | None, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    if field is not None and field.choices:
        return force_str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        moment = datetime.datetime.fromisoformat(value)
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return date_format(moment, "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    return str(value)


def _text_lines(before: Any, after: Any) -> tuple[tuple[str, str], ...]:
    old = str(before or "").splitlines()
    new = str(after or "").splitlines()
    return tuple(
        (line[0], line[1:])
        for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    )


def describe(entries: Iterable[HistoryEntry]) -> list[ChangeLogEntry]:
    """Readable public change-log rows (join `actor` and `content_type` when selecting them).

    What the record's publicity rule declares private stays out: changes to its private fields,
    and, for a moderation decision, the moderator (`moderated_by`) and the reason they gave
    (`moderation_reason`): the public sees that a contribution was published or withdrawn, and when.
    """
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        private = publicity.private_fields(model) if model else frozenset()
        moderation = entry.action in MODERATION_ACTIONS and "status" in entry.changes
        if moderation and "moderated_by" in private:
            actor_name = _("la modération")
        else:
            actor_name = entry.actor.public_name if entry.actor else _("Système")
        changes = []
        for name, (before, after) in entry.changes.items():
            if name in private:
                continue
            try:
                field = model._meta.get_field(name)
                label = force_str(field.verbose_name)
            except (AttributeError, FieldDoesNotExist):  # a field or model since removed
                field, label = None, name
            long_text = (
                isinstance(before, str | None)
                and isinstance(after, str | None)
                and (len(before or "") > LONG_TEXT or len(after or "") > LONG_TEXT)
            )
            changes.append(
                FieldChange(
                    label=label[:1].upper() + label[1:],
                    before=_display(field, before),
                    after=_display(field, after),
                    lines=_text_lines(before, after) if long_text else (),
                )
            )
        rows.append(
            ChangeLogEntry(
                entry=entry,
                actor_name=actor_name,
                action_label=entry.get_action_display(),
                fields=tuple(changes),
                message="" if moderation and "moderation_reason" in private else entry.message,
            )
        )
    return rows
