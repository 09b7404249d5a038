"""Following records, telling followers what changed, preferences, and the newsletter."""

import datetime
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.translation import gettext as _

from ouvert.core.emails import email_enqueue
from ouvert.core.http import absolute_url
from ouvert.core.markdown import markdown_to_text
from ouvert.notifications import tokens
from ouvert.notifications.models import (
    Follow,
    NewsletterIssue,
    NewsletterSubscription,
    Notification,
    NotificationPreference,
)
from ouvert.notifications.selectors import followers, preference_for

Frequency = NotificationPreference.Frequency


def follow_set(*, user, target: models.Model, following: bool) -> bool:
    """Make `user` follow `target` or stop; safe when repeated or sent twice at once."""
    content_type = ContentType.objects.get_for_model(target)
    if not following:
        Follow.objects.filter(user=user, content_type=content_type, object_id=target.pk).delete()
        return False
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(user=user, content_type=content_type, object_id=target.pk)
    except IntegrityError:
        # Another request created it between our read and our write: it is there, as asked.
        pass
    return True


def _link(path: str, language: str) -> str:
    return absolute_url(translate_url(path, language))


def _preferences_url(language: str) -> str:
    return _link(reverse("notifications:preferences"), language)


def notify_followers(
    *,
    target: models.Model,
    kind: str,
    title: str,
    path: str,
    exclude: Any = None,
    also: Iterable[Any] = (),
) -> int:
    """Tell the followers of `target` (and the people in `also`) that something new happened.

    Each person is told as they chose: an e-mail now, a line in tomorrow's digest, or nothing.
    `exclude` (the person who made the change) is not told of their own act. Call it inside the
    transaction of the change: nothing is recorded or sent if it rolls back. Returns how many
    people were told.
    """
    people = {user.pk: user for user in followers(target=target)}
    for user in also:
        if user is not None and user.is_active:
            people.setdefault(user.pk, user)
    if exclude is not None:
        people.pop(exclude.pk, None)
    told = 0
    now = timezone.now()
    for user in people.values():
        frequency = preference_for(user).frequency
        if frequency == Frequency.NONE:
            continue
        immediate = frequency == Frequency.IMMEDIATE
        notification = Notification.objects.create(
            user=user,
            kind=kind,
            title=title[:300],
            path=path,
            sent_at=now if immediate else None,
        )
        if immediate:
            _send_notifications(user, [notification], template="notifications/emails/notification")
        told += 1
    return told


def _send_notifications(user, notifications: list[Notification], *, template: str) -> None:
    unsubscribe = tokens.unsubscribe_url(tokens.NOTIFICATIONS, user.pk)
    email_enqueue(
        to=user.email,
        template=template,
        context={
            "items": [
                {"notification": item, "url": _link(item.path, user.language)}
                for item in notifications
            ],
            "preferences_url": _preferences_url(user.language),
            "unsubscribe_url": unsubscribe,
        },
        language=user.language,
        headers=tokens.list_headers(unsubscribe),
    )


def digests_send(*, now: datetime.datetime | None = None) -> int:
    """Send each person one e-mail with everything still waiting for them; return how many were sent.

    Run once a day (`manage.py send_digests`). Safe to run twice at once or again: what is sent is
    marked in the same transaction, and rows another run holds are skipped (PostgreSQL).
    """
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        pending = list(
            Notification.objects.filter(sent_at__isnull=True)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("user", "user__notification_preference")
            .order_by("user_id", "created_at", "id")
        )
        for _user_id, group in groupby(pending, key=lambda item: item.user_id):
            items = list(group)
            user = items[0].user
            ids = [item.pk for item in items]
            if not user.is_active or preference_for(user).frequency == Frequency.NONE:
                Notification.objects.filter(pk__in=ids).delete()
                continue
            Notification.objects.filter(pk__in=ids).update(sent_at=now)
            _send_notifications(user, items, template="notifications/emails/digest")
            sent += 1
        # Addresses that never confirmed the newsletter are forgotten after a week.
        NewsletterSubscription.objects.filter(
            confirmed_at__isnull=True,
            created_at__lt=now - datetime.timedelta(seconds=tokens.CONFIRM_MAX_AGE),
        ).delete()
    return sent


def preference_set(*, user, frequency: str, event_reminders: bool) -> NotificationPreference:
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Choix inconnu.")})
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency, "event_reminders": event_reminders}
    )
    user.notification_preference = preference
    return preference


@transaction.atomic
def unsubscribe(*, scope: str, key: int | str) -> bool:
    """What a one-click unsubscribe link does; True when there was something to stop."""
    if scope == tokens.NEWSLETTER:
        deleted, _details = NewsletterSubscription.objects.filter(pk=key).delete()
        return bool(deleted)
    user = get_user_model().objects.filter(pk=key, is_active=True).first()
    if user is None:
        return False
    preference = preference_for(user)
    if scope == tokens.NOTIFICATIONS:
        preference_set(
            user=user, frequency=Frequency.NONE, event_reminders=preference.event_reminders
        )
        Notification.objects.filter(user=user, sent_at__isnull=True).delete()
    else:
        preference_set(user=user, frequency=preference.frequency, event_reminders=False)
    return True


def newsletter_subscribe(*, email: str, language: str) -> None:
    """Ask for the newsletter: a confirmation link goes to the address, nothing else until it is used.

    The page says the same whether or not the address was already subscribed.
    """
    email = get_user_model().objects.normalize_email(email)
    validate_email(email)
    try:
        with transaction.atomic():
            subscription, _created = NewsletterSubscription.objects.get_or_create(email=email)
    except IntegrityError:
        # The same address sent twice at once: the other request created the row.
        subscription = NewsletterSubscription.objects.get(email=email)
    with transaction.atomic():
        if subscription.confirmed_at is not None:
            return
        subscription.language = language
        subscription.created_at = timezone.now()
        subscription.save(update_fields=["language", "created_at"])
        email_enqueue(
            to=email,
            template="notifications/emails/newsletter_confirm",
            context={
                "confirm_url": _link(
                    reverse(
                        "notifications:newsletter_confirm",
                        kwargs={"token": tokens.confirmation_token(email)},
                    ),
                    language,
                )
            },
            language=language,
        )


def newsletter_confirm(*, token: str) -> NewsletterSubscription | None:
    email = tokens.read_confirmation_token(token)
    if email is None:
        return None
    subscription = NewsletterSubscription.objects.filter(email=email).first()
    if subscription is not None and subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


@transaction.atomic
def newsletter_issue_send(*, issue: NewsletterIssue, acting_user: Any) -> int:
    """Send an issue to every confirmed address, once: a second call is refused."""
    issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.sent_at is not None:
        raise ValidationError(_("Cette lettre a déjà été envoyée."))
    text = markdown_to_text(issue.body)
    subscriptions = NewsletterSubscription.objects.filter(confirmed_at__isnull=False).order_by("pk")
    count = 0
    for subscription in subscriptions.iterator():
        unsubscribe_link = tokens.unsubscribe_url(tokens.NEWSLETTER, subscription.pk)
        email_enqueue(
            to=subscription.email,
            template="notifications/emails/newsletter_issue",
            context={"issue": issue, "text": text, "unsubscribe_url": unsubscribe_link},
            language=subscription.language,
            headers=tokens.list_headers(unsubscribe_link),
        )
        count += 1
    issue.sent_at = timezone.now()
    issue.sent_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    issue.recipients = count
    issue.save(update_fields=["sent_at", "sent_by", "recipients"])
    return count
