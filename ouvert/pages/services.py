"""Writes of editorial pages, each with its history row."""

from typing import Any

from django.db import transaction

from ouvert.core.history import diff, snapshot
from ouvert.core.models import HistoryEntry
from ouvert.core.services import history_record
from ouvert.pages.models import Page


@transaction.atomic
def page_update(*, page: Page, acting_user: Any, data: dict[str, Any], message: str = "") -> Page:
    """Change the given fields of a page and record what changed."""
    unknown = set(data) - set(Page.history_fields)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    before = snapshot(page, Page.history_fields)
    for name, value in data.items():
        setattr(page, name, value)
    page.full_clean()
    page.save()
    changes = diff(before, snapshot(page, Page.history_fields))
    if changes:
        history_record(
            instance=page,
            acting_user=acting_user,
            action=HistoryEntry.Action.UPDATED,
            changes=changes,
            message=message,
        )
    return page
