from django.utils.translation import gettext_lazy as _

from ouvert.accounts.gdpr import PersonalDataSection, registry
from ouvert.notifications.models import Follow
from ouvert.notifications.selectors import follows_of


def _export(user) -> list[dict]:
    return [
        {
            "type": follow.content_type.model,
            "id": follow.object_id,
            "label": str(follow.target) if follow.target else None,
            "since": follow.created_at.isoformat(),
        }
        for follow in follows_of(user=user)
    ]


def _erase(user) -> None:
    Follow.objects.filter(user=user).delete()


registry.register(
    PersonalDataSection(key="follows", title=_("Suivis"), export=_export, erase=_erase)
)
