"""Event pages: the agenda and calendar, an event, registering and cancelling, the organisers'
registrant list, the iCalendar feeds, and the series form."""

import calendar as month_calendar
import csv
import datetime
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouvert.conversations.selectors import conversations_about
from ouvert.core.forms import add_service_errors
from ouvert.core.permissions import deny_unless
from ouvert.core.publicity import public
from ouvert.core.selectors import history_for_object
from ouvert.core.views import render_change_log
from ouvert.notifications.selectors import is_following
from ouvert.participation import calendar, selectors, services
from ouvert.participation.forms import (
    AttendanceForm,
    CancelEventForm,
    EventFilterForm,
    SeriesForm,
    month_or_current,
)
from ouvert.participation.models import Event, EventDocument, Registration
from ouvert.plans.models import ActionPlan
from ouvert.plans.selectors import plans_public

PAGE_SIZE = 20


def _filters(request: HttpRequest) -> tuple[EventFilterForm, selectors.EventFilters]:
    form = EventFilterForm(request.GET or None, plans=plans_public())
    if form.is_valid():
        data = form.cleaned_data
        return form, selectors.EventFilters(
            kind=data["kind"], format=data["format"], plan=data["plan"]
        )
    return form, selectors.EventFilters()


def _agenda(request: HttpRequest, *, upcoming: bool) -> HttpResponse:
    form, filters = _filters(request)
    events = selectors.events_filtered(user=request.user, filters=filters, upcoming=upcoming)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "participation/event_list.html",
        {
            "form": form,
            "page_obj": page,
            "query": query.urlencode(),
            "upcoming": upcoming,
            "can_add": request.user.has_perm("participation.add_event"),
        },
    )


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    return _agenda(request, upcoming=True)


@require_GET
def event_list_past(request: HttpRequest) -> HttpResponse:
    return _agenda(request, upcoming=False)


@require_GET
def event_calendar(request: HttpRequest, year: int | None = None, month: int | None = None):
    """A month as a table of weeks, each day with its events."""
    first = month_or_current(year, month)
    events = list(selectors.events_of_month(user=request.user, year=first.year, month=first.month))
    by_day: dict[datetime.date, list[Event]] = {}
    for event in events:
        by_day.setdefault(timezone.localdate(event.starts_at), []).append(event)
    weeks = [
        [
            {"day": day, "in_month": day.month == first.month, "events": by_day.get(day, [])}
            for day in week
        ]
        for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(
            first.year, first.month
        )
    ]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "participation/event_calendar.html",
        {
            "month": first,
            "weeks": weeks,
            "previous": previous,
            "following": following,
            "events": events,
            "today": timezone.localdate(),
        },
    )


def _visible_event(request: HttpRequest, slug: str) -> Event:
    event = selectors.event_get(slug=slug, user=request.user)
    if event is None or not request.user.has_perm("participation.view_event", event):
        raise Http404
    return event


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    user = request.user
    registration = selectors.registration_of(user=user, event=event)
    position = (
        selectors.waitlist_position(registration)
        if registration and registration.status == Registration.Status.WAITLISTED
        else None
    )
    return render(
        request,
        "participation/event_detail.html",
        {
            "event": event,
            "registration": registration,
            "waitlist_position": position,
            "seats_left": None
            if event.capacity is None
            else max(event.capacity - event.confirmed_count, 0),
            "can_register": user.has_perm("participation.register_event"),
            "can_organise": user.has_perm("participation.view_registrations", event),
            "can_change": user.has_perm("participation.change_event", event),
            "series_following": event.series_id and is_following(user=user, target=event.series),
            "documents": list(event.documents.all()),
            "fed_proposals": list(event.fed_proposals.all()),
            "fed_commitments": list(event.fed_commitments.all()),
            "conversations": list(conversations_about(subject=event, user=user)),
            "ended": event.has_ended(),
        },
    )


@login_required
@require_POST
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    if denied := deny_unless(request, "participation.register_event", event):
        return denied
    try:
        registration = services.registration_create(acting_user=request.user, event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(
                request,
                _("Vous êtes inscrit·e. Un courriel de confirmation vous est envoyé."),
            )
        else:
            messages.info(
                request,
                _(
                    "L'événement est complet : vous êtes sur la liste d'attente. "
                    "Vous serez prévenu·e par courriel si une place se libère."
                ),
            )
    return redirect(event.get_absolute_url() + "#inscription")


@login_required
@require_POST
def event_unregister(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    services.registration_cancel(acting_user=request.user, event=event)
    messages.success(request, _("Votre inscription est annulée."))
    return redirect(event.get_absolute_url() + "#inscription")


@require_http_methods(["GET", "POST"])
def event_registrations(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisers' list: who registered, who waits, and who came."""
    event = _visible_event(request, slug)
    if denied := deny_unless(request, "participation.view_registrations", event):
        return denied
    registrations = list(selectors.registrations_for_organisers(event=event))
    confirmed = [item for item in registrations if item.status == Registration.Status.CONFIRMED]
    form = AttendanceForm(request.POST or None, registrations=confirmed)
    if request.method == "POST":
        if denied := deny_unless(request, "participation.mark_attendance", event):
            return denied
        if form.is_valid():
            count = services.attendance_set(
                acting_user=request.user, event=event, present=set(form.cleaned_data["present"])
            )
            messages.success(request, _("Présences enregistrées : %(count)s.") % {"count": count})
            return redirect("events:registrations", slug=event.slug)
    return render(
        request,
        "participation/event_registrations.html",
        {"event": event, "registrations": registrations, "confirmed": confirmed},
    )


@require_GET
def event_registrations_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    if denied := deny_unless(request, "participation.export_registrations", event):
        return denied
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["public_name", "email", "status", "registered_at", "promoted_at", "attended"])
    for registration in selectors.registrations_for_organisers(event=event):
        writer.writerow(
            [
                registration.user.public_name,
                registration.user.email,
                registration.status,
                timezone.localtime(registration.registered_at).isoformat(timespec="minutes"),
                timezone.localtime(registration.promoted_at).isoformat(timespec="minutes")
                if registration.promoted_at
                else "",
                "" if registration.attended is None else str(registration.attended).lower(),
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inscrits-{event.slug}.csv"'
    # Personal data: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    if denied := deny_unless(request, "participation.cancel_event", event):
        return denied
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(
                acting_user=request.user, event=event, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'événement est annulé ; les inscrit·es sont prévenu·es."))
            return redirect(event.get_absolute_url())
    return render(
        request,
        "participation/event_cancel.html",
        {"form": form, "event": event, "heading": _("Annuler l'événement")},
    )


@require_POST
def event_publish(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    if denied := deny_unless(request, "participation.change_event", event):
        return denied
    services.event_publish(acting_user=request.user, event=event)
    messages.success(request, _("L'événement est publié."))
    return redirect(event.get_absolute_url())


@require_GET
def event_history(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    return render_change_log(
        request,
        instance=event,
        entries=history_for_object(event),
        parents=[(event.get_absolute_url(), event)],
    )


@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(EventDocument.objects.select_related("event"), pk=pk)
    if not document.document or not request.user.has_perm(
        "participation.view_event", document.event
    ):
        raise Http404
    response = FileResponse(
        document.document.open("rb"),
        as_attachment=True,
        filename=document.document.name.rsplit("/", 1)[-1],
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_http_methods(["GET", "POST"])
def series_create(request: HttpRequest) -> HttpResponse:
    if denied := deny_unless(request, "participation.add_eventseries"):
        return denied
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            series = services.series_create(
                acting_user=request.user,
                series_data={
                    name: data[name] for name in ("title", "title_en", "description", "plan")
                },
                event_data={
                    "kind": data["kind"],
                    "format": data["format"],
                    "description": data["description"],
                    "capacity": data["capacity"],
                    "online_url": data["online_url"],
                    "venue": data["venue"],
                    "address": data["address"],
                    "status": Event.Status.PUBLISHED if data["publish"] else Event.Status.DRAFT,
                },
                recurrence=services.Recurrence(
                    first_starts_at=data["first_starts_at"],
                    duration=datetime.timedelta(minutes=data["duration_minutes"]),
                    every_weeks=data["every_weeks"],
                    count=data["count"],
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("La série est créée avec ses %(count)s séances.") % {"count": data["count"]},
            )
            return redirect(series.get_absolute_url())
    return render(
        request, "participation/series_form.html", {"form": form, "heading": _("Nouvelle série")}
    )


@require_GET
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = selectors.series_get(slug=slug)
    if series is None:
        raise Http404
    events = selectors.events_filtered(
        user=request.user, filters=selectors.EventFilters(series=slug)
    )
    return render(
        request,
        "participation/series_detail.html",
        {
            "series": series,
            "events": list(events),
            "following": is_following(user=request.user, target=series),
            "now": timezone.now(),
        },
    )


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def feed_all(request: HttpRequest) -> HttpResponse:
    return _ics(
        calendar.calendar(selectors.events_public(), name=_("Événements du gouvernement ouvert")),
        "evenements.ics",
    )


@require_GET
def feed_series(request: HttpRequest, slug: str) -> HttpResponse:
    series = selectors.series_get(slug=slug)
    if series is None:
        raise Http404
    return _ics(
        calendar.calendar(selectors.events_public().filter(series=series), name=series.title),
        f"{series.slug}.ics",
    )


@require_GET
def feed_plan(request: HttpRequest, slug: str) -> HttpResponse:
    plan = public(ActionPlan).filter(slug=slug).first()
    if plan is None:
        raise Http404
    return _ics(
        calendar.calendar(selectors.events_public().filter(plan=plan), name=plan.title),
        f"evenements-{plan.slug}.ics",
    )


@require_GET
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    return _ics(calendar.calendar([event], name=event.title), f"{event.slug}.ics")
