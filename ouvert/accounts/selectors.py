"""Reads about accounts."""

from typing import Any

from django.utils import timezone

from ouvert.accounts.gdpr import registry as personal_data
from ouvert.accounts.models import User


def user_personal_data(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`, as one JSON-ready document (GDPR article 15 and 20)."""
    return {
        "generated_at": timezone.now().isoformat(),
        "sections": {section.key: section.export(user) for section in personal_data},
    }
