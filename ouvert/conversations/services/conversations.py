"""Writes of conversations themselves: creation, status, the report, each with its history row."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from ouvert.conversations.models import Conversation
from ouvert.core.history import diff, snapshot
from ouvert.core.models import HistoryEntry
from ouvert.core.services import history_record, save_with_history


@transaction.atomic
def conversation_upsert(*, acting_user: Any, slug: str, data: dict[str, Any]) -> Conversation:
    """Create the conversation `slug` or bring it up to date; re-running changes nothing."""
    conversation = Conversation.objects.filter(slug=slug).first() or Conversation(slug=slug)
    save_with_history(instance=conversation, acting_user=acting_user, data=data)
    return conversation


@transaction.atomic
def conversation_set_status(
    *, conversation: Conversation, status: str, acting_user: Any, message: str = ""
) -> Conversation:
    save_with_history(
        instance=conversation, acting_user=acting_user, data={"status": status}, message=message
    )
    return conversation


def _report_change(conversation: Conversation, acting_user: Any, data: dict, action: str):
    before = snapshot(conversation, Conversation.history_fields)
    for name, value in data.items():
        setattr(conversation, name, value)
    conversation.full_clean()
    changes = diff(before, snapshot(conversation, Conversation.history_fields))
    if not changes:
        return
    conversation.save()
    history_record(instance=conversation, acting_user=acting_user, action=action, changes=changes)


@transaction.atomic
def report_publish(
    *, conversation: Conversation, acting_user: Any, summary: str, summary_en: str = ""
) -> Conversation:
    """Publish the report (or update its summary): the results page becomes a public report."""
    data = {"report_summary": summary, "report_summary_en": summary_en}
    action = HistoryEntry.Action.UPDATED
    if not conversation.report_is_published:
        data["report_published_at"] = timezone.now()
        action = HistoryEntry.Action.PUBLISHED
    _report_change(conversation, acting_user, data, action)
    return conversation


@transaction.atomic
def report_unpublish(*, conversation: Conversation, acting_user: Any) -> Conversation:
    if conversation.report_is_published:
        _report_change(
            conversation,
            acting_user,
            {"report_published_at": None},
            HistoryEntry.Action.UNPUBLISHED,
        )
    return conversation
