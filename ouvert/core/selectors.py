"""Reads shared by every app."""

from django.db import models
from django.db.models import QuerySet

from ouvert.core.models import HistoryEntry, history_scope


def history_for_object(instance: models.Model) -> QuerySet[HistoryEntry]:
    """The history of one public record and of the parts it owns, newest first."""
    return HistoryEntry.objects.filter(scope=history_scope(instance)).select_related(
        "actor", "content_type"
    )


def history_by_user(user) -> QuerySet[HistoryEntry]:
    """Every change a person made, for their personal-data export."""
    return HistoryEntry.objects.filter(actor=user).select_related("content_type")
