"""Reads of follows, preferences and the newsletter."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from ouvert.notifications.models import (
    Follow,
    NewsletterIssue,
    NewsletterSubscription,
    Notification,
    NotificationPreference,
)


def is_following(*, user, target: models.Model) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).exists()


def followers(*, target: models.Model) -> QuerySet:
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            follows__content_type=ContentType.objects.get_for_model(target),
            follows__object_id=target.pk,
        )
        .select_related("notification_preference")
    )


def follows_of(*, user) -> QuerySet[Follow]:
    return (
        Follow.objects.filter(user=user)
        .select_related("content_type")
        .prefetch_related("target")
        .order_by("created_at")
    )


def preference_for(user) -> NotificationPreference:
    """The person's choices, or the defaults (an unsaved row) if they never made any."""
    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)


def notifications_of(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("created_at", "id")


def newsletter_subscription_of(*, email: str) -> NewsletterSubscription | None:
    return NewsletterSubscription.objects.filter(email=email.strip().lower()).first()


def newsletter_issues_sent() -> QuerySet[NewsletterIssue]:
    return NewsletterIssue.objects.filter(sent_at__isnull=False).order_by("-sent_at")
