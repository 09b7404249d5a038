from django.utils.translation import gettext_lazy as _

from ouvert.accounts.gdpr import PersonalDataSection, registry
from ouvert.notifications.models import (
    Follow,
    NewsletterSubscription,
    Notification,
    NotificationPreference,
)
from ouvert.notifications.selectors import (
    follows_of,
    newsletter_subscription_of,
    notifications_of,
    preference_for,
)


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


def _export_notifications(user) -> dict:
    preference = preference_for(user)
    subscription = newsletter_subscription_of(email=user.email)
    return {
        "frequency": preference.frequency,
        "event_reminders": preference.event_reminders,
        "newsletter": {
            "email": subscription.email,
            "confirmed_at": subscription.confirmed_at.isoformat()
            if subscription.confirmed_at
            else None,
        }
        if subscription
        else None,
        "notifications": [
            {
                "kind": item.kind,
                "title": item.title,
                "created_at": item.created_at.isoformat(),
                "sent_at": item.sent_at.isoformat() if item.sent_at else None,
            }
            for item in notifications_of(user=user)
        ],
    }


def _erase_notifications(user) -> None:
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    NewsletterSubscription.objects.filter(email=user.email).delete()


registry.register(
    PersonalDataSection(key="follows", title=_("Suivis"), export=_export, erase=_erase)
)
registry.register(
    PersonalDataSection(
        key="notifications",
        title=_("Notifications et lettre d'information"),
        export=_export_notifications,
        erase=_erase_notifications,
    )
)
