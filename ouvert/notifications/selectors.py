"""Reads of follows."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from ouvert.notifications.models import Follow


def is_following(*, user, target: models.Model) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).exists()


def followers(*, target: models.Model) -> QuerySet:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        is_active=True,
        follows__content_type=ContentType.objects.get_for_model(target),
        follows__object_id=target.pk,
    )


def follows_of(*, user) -> QuerySet[Follow]:
    return Follow.objects.filter(user=user).select_related("content_type").order_by("created_at")
