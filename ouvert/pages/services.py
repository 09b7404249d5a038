"""Writes of editorial pages, each with its history row."""

from typing import Any

from django.db import transaction

from ouvert.core.services import save_with_history
from ouvert.pages.models import Page


@transaction.atomic
def page_update(*, page: Page, acting_user: Any, data: dict[str, Any], message: str = "") -> Page:
    """Change the given fields of a page and record what changed."""
    unknown = set(data) - set(Page.history_fields)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    save_with_history(instance=page, acting_user=acting_user, data=data, message=message)
    return page
