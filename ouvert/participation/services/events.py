"""Writes of events: series created once, cancellation, registrations with a waitlist, reminders.

Registrations and cancellations of one event are serialised by a lock on the event's row (taken
first, in every function that changes its seats): two people can never take the last seat, and a
freed seat goes to the first person waiting, whatever the order in which requests arrive. On
SQLite, whose transactions take the write lock when they start (IMMEDIATE mode, see settings), the
same functions are serialised by the database itself.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import translate_url
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ouvert.core.emails import email_enqueue
from ouvert.core.http import absolute_url
from ouvert.core.services import save_with_history
from ouvert.notifications import tokens
from ouvert.notifications.models import Notification
from ouvert.notifications.services import notify_followers
from ouvert.participation.calendar import invitation
from ouvert.participation.models import Event, EventSeries, Registration

# Reminders go to registrants this long before the event starts (`manage.py send_reminders`).
REMINDER_BEFORE = datetime.timedelta(hours=24)


def unique_slug(model, text: str, *, max_length: int = 150) -> str:
    base = slugify(text)[:max_length].strip("-") or "evenement"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _event_slug(title: str, starts_at: datetime.datetime) -> str:
    return unique_slug(Event, f"{title} {timezone.localtime(starts_at):%Y-%m-%d}")


@transaction.atomic
def event_save(
    *,
    acting_user: Any,
    event: Event | None,
    data: dict[str, Any],
    fed_proposals: list | None = None,
    fed_commitments: list | None = None,
    message: str = "",
) -> Event:
    """Create an event or change it; a change to its date, place or status reaches calendars.

    When the capacity grows, people waiting get the new seats at once.
    """
    # Datetimes are compared in UTC, as the database returns them: the same instant given in Paris
    # time is no change, and writes no history.
    data = {
        name: value.astimezone(datetime.UTC) if isinstance(value, datetime.datetime) else value
        for name, value in data.items()
    }
    instance = event or Event()
    if not instance.slug and not data.get("slug"):
        data = {**data, "slug": _event_slug(data["title"], data["starts_at"])}
    phase = data.get("phase", instance.phase if instance.pk else None)
    plan = data.get("plan", instance.plan if instance.pk else None)
    if phase is not None and phase.plan_id != getattr(plan, "pk", None):
        raise ValidationError({"phase": _("Cette phase appartient à un autre plan.")})
    before = {name: getattr(instance, name) for name in Event.calendar_fields} if event else {}
    many_to_many = {}
    if fed_proposals is not None:
        many_to_many["fed_proposals"] = fed_proposals
    if fed_commitments is not None:
        many_to_many["fed_commitments"] = fed_commitments
    changed = save_with_history(
        instance=instance,
        acting_user=acting_user,
        data=data,
        many_to_many=many_to_many,
        message=message,
    )
    if changed and event and any(getattr(instance, k) != v for k, v in before.items()):
        Event.objects.filter(pk=instance.pk).update(sequence=instance.sequence + 1)
        instance.sequence += 1
    if changed and instance.pk:
        _promote_waitlist(Event.objects.select_for_update().get(pk=instance.pk))
    return instance


@dataclass(frozen=True)
class Recurrence:
    """Occurrences of a series: the first start, how long each lasts, every how many weeks, how many."""

    first_starts_at: datetime.datetime
    duration: datetime.timedelta
    every_weeks: int
    count: int

    def starts(self) -> list[datetime.datetime]:
        if not 1 <= self.count <= 52:
            raise ValidationError({"count": _("Une série compte de 1 à 52 occurrences.")})
        if not 1 <= self.every_weeks <= 12:
            raise ValidationError({"every_weeks": _("Entre 1 et 12 semaines.")})
        if self.duration <= datetime.timedelta(0):
            raise ValidationError({"duration": _("La durée doit être positive.")})
        # Weeks are counted in local time, so a webinar at 10:00 stays at 10:00 across a clock change.
        local = timezone.localtime(self.first_starts_at)
        naive = local.replace(tzinfo=None)
        return [
            timezone.make_aware(naive + datetime.timedelta(weeks=self.every_weeks * index))
            for index in range(self.count)
        ]


@transaction.atomic
def series_create(
    *,
    acting_user: Any,
    series_data: dict[str, Any],
    event_data: dict[str, Any],
    recurrence: Recurrence,
) -> EventSeries:
    """Create a series and all its events at once: "a webinar every two weeks, ten times"."""
    series = EventSeries(slug=unique_slug(EventSeries, series_data["title"]))
    save_with_history(instance=series, acting_user=acting_user, data=series_data)
    for starts_at in recurrence.starts():
        event_save(
            acting_user=acting_user,
            event=None,
            data={
                **event_data,
                "series": series,
                "plan": series.plan,
                "title": series.title,
                "title_en": series.title_en,
                "starts_at": starts_at,
                "ends_at": starts_at + recurrence.duration,
            },
        )
    return series


@transaction.atomic
def event_publish(*, acting_user: Any, event: Event) -> Event:
    """Publish a draft event; the followers of its series hear of it."""
    if event.status != Event.Status.DRAFT:
        return event
    event_save(acting_user=acting_user, event=event, data={"status": Event.Status.PUBLISHED})
    if event.series_id:
        notify_followers(
            target=event.series,
            kind=Notification.Kind.EVENT_SCHEDULED,
            title=str(event),
            path=event.get_absolute_url(),
            exclude=acting_user,
        )
    return event


@transaction.atomic
def event_cancel(*, acting_user: Any, event: Event, reason: str) -> Event:
    """Cancel an event: everyone registered or waiting is told, with a calendar update."""
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez le motif de l'annulation.")})
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        return event
    event_save(
        acting_user=acting_user,
        event=event,
        data={"status": Event.Status.CANCELLED, "cancellation_reason": reason.strip()},
    )
    registrations = event.registrations.exclude(status=Registration.Status.CANCELLED)
    for registration in registrations.select_related("user"):
        _email(registration, "event_cancelled")
    if event.series_id:
        notify_followers(
            target=event.series,
            kind=Notification.Kind.EVENT_CANCELLED,
            title=str(event),
            path=event.get_absolute_url(),
            exclude=acting_user,
        )
    return event


def _email(registration: Registration, template: str, *, headers: dict | None = None) -> None:
    user = registration.user
    event = registration.event
    attach = template in {"registration_confirmed", "registration_promoted", "event_cancelled"}
    email_enqueue(
        to=user.email,
        template=f"participation/emails/{template}",
        context={
            "event": event,
            "registration": registration,
            "url": absolute_url(translate_url(event.get_absolute_url(), user.language)),
            "unsubscribe_url": (headers or {}).get("List-Unsubscribe", "").strip("<>"),
        },
        language=user.language,
        headers=headers,
        attachments=[invitation(event)] if attach else None,
    )


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _promote_waitlist(event: Event) -> list[Registration]:
    """Give the free seats of a locked event to the people waiting, first come first served."""
    if event.capacity is None:
        free = None
    else:
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        free = event.capacity - confirmed
        if free <= 0:
            return []
    if event.status != Event.Status.PUBLISHED or event.has_ended():
        return []
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED).order_by(
        "registered_at", "id"
    )
    promoted = list(waiting.select_related("user", "event")[:free] if free else waiting)
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        _email(registration, "registration_promoted")
    return promoted


@transaction.atomic
def promote_after_change(*, event: Event, calendar_changed: bool) -> list[Registration]:
    """After a back-office edit (which records its own history): calendars get the new date or
    place, and seats added to the capacity go to the people waiting."""
    if calendar_changed:
        Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
    return _promote_waitlist(_lock(event))


@transaction.atomic
def registration_create(*, acting_user: Any, event: Event) -> Registration:
    """Register `acting_user`: a seat if one is free, else the end of the waitlist.

    Asking again while registered or waiting changes nothing (a double click takes one seat).
    """
    event = _lock(event)
    if not event.registration_is_open():
        raise ValidationError(_("Les inscriptions à cet événement sont closes."))
    registration = Registration.objects.filter(event=event, user=acting_user).first()
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        return registration
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED).exists()
    has_seat = event.capacity is None or (confirmed < event.capacity and not waiting)
    registration = registration or Registration(event=event, user=acting_user)
    registration.status = (
        Registration.Status.CONFIRMED if has_seat else Registration.Status.WAITLISTED
    )
    registration.registered_at = timezone.now()
    registration.cancelled_at = registration.promoted_at = registration.reminded_at = None
    registration.attended = None
    registration.save()
    _email(registration, "registration_confirmed" if has_seat else "registration_waitlisted")
    return registration


@transaction.atomic
def registration_cancel(*, acting_user: Any, event: Event) -> list[Registration]:
    """Cancel `acting_user`'s registration; a freed seat goes at once to the first person waiting.

    Returns the registrations promoted from the waitlist. Cancelling twice changes nothing.
    """
    event = _lock(event)
    registration = Registration.objects.filter(event=event, user=acting_user).first()
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return []
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    return _promote_waitlist(event)


@transaction.atomic
def attendance_set(*, acting_user: Any, event: Event, present: set[int]) -> int:
    """Record who came, among the confirmed registrants (by registration id); returns how many."""
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
    confirmed.filter(pk__in=present).update(attended=True)
    confirmed.exclude(pk__in=present).update(attended=False)
    return confirmed.filter(attended=True).count()


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind confirmed registrants of the events starting within REMINDER_BEFORE; return how many.

    Run every quarter of an hour (`manage.py send_reminders`). Each registration is reminded once:
    it is marked in the transaction that enqueues its e-mail, and rows another run holds are skipped.
    """
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = (
            Registration.objects.filter(
                status=Registration.Status.CONFIRMED,
                reminded_at__isnull=True,
                event__status=Event.Status.PUBLISHED,
                event__starts_at__gt=now,
                event__starts_at__lte=now + REMINDER_BEFORE,
                user__is_active=True,
            )
            .exclude(Q(user__notification_preference__event_reminders=False))
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("event", "user")
            .order_by("event__starts_at", "id")
        )
        for registration in due:
            unsubscribe = tokens.unsubscribe_url(tokens.REMINDERS, registration.user_id)
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            _email(registration, "event_reminder", headers=tokens.list_headers(unsubscribe))
            sent += 1
    return sent
