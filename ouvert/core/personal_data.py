from django.utils.translation import gettext_lazy as _

from ouvert.accounts.gdpr import PersonalDataSection, registry
from ouvert.core.selectors import history_by_user


def _export_history(user) -> list[dict]:
    return [
        {
            "date": entry.created_at.isoformat(),
            "object_type": entry.content_type.model,
            "object_id": entry.object_id,
            "object": entry.object_repr,
            "action": entry.action,
            "changes": entry.changes,
            "message": entry.message,
        }
        for entry in history_by_user(user)
    ]


# Changes to the public record stay after an account is deleted (they are the record), shown under
# the deleted account's new pseudonym: no eraser here.
registry.register(
    PersonalDataSection(
        key="history", title=_("Modifications du registre public"), export=_export_history
    )
)
