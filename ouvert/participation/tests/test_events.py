import datetime
import zoneinfo
from io import StringIO

import icalendar
import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.core.selectors import history_for_object
from ouvert.core.testing.queries import assert_constant_queries
from ouvert.notifications.models import Notification
from ouvert.notifications.services import follow_set, preference_set
from ouvert.participation import services
from ouvert.participation.models import Event, Registration
from ouvert.participation.tests.factories import EventFactory, EventSeriesFactory, in_days
from ouvert.plans.tests.factories import ActionPlanFactory

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _ics(message) -> icalendar.Calendar:
    [(filename, content, mimetype)] = message.attachments
    assert filename == "evenement.ics"
    assert mimetype.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def test_a_full_event_puts_people_on_the_waitlist_and_a_cancellation_promotes_the_first(committed):
    event = EventFactory(capacity=2, title="Atelier complet")
    first, second, third, fourth = UserFactory.create_batch(4)
    with committed():
        for person in (first, second, third, fourth):
            services.registration_create(acting_user=person, event=event)
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses == {
        first.pk: "confirmed",
        second.pk: "confirmed",
        third.pk: "waitlisted",
        fourth.pk: "waitlisted",
    }
    confirmation = next(m for m in mail.outbox if m.to == [first.email])
    assert confirmation.subject == "Inscription confirmée : Atelier complet"
    [invitation] = _ics(confirmation).walk("VEVENT")
    assert str(invitation["SUMMARY"]) == "Atelier complet"
    # The registrant's own copy carries the online link; public files never do.
    assert "https://visio.exemple.gouv.fr/salle" in str(invitation["DESCRIPTION"])
    waitlisted = next(m for m in mail.outbox if m.to == [third.email])
    assert waitlisted.subject == "Liste d'attente : Atelier complet"
    assert not waitlisted.attachments
    mail.outbox.clear()

    with committed():
        promoted = services.registration_cancel(acting_user=second, event=event)
    assert [registration.user for registration in promoted] == [third]
    assert Registration.objects.get(user=third).status == "confirmed"
    assert Registration.objects.get(user=fourth).status == "waitlisted"
    [promotion] = mail.outbox
    assert promotion.to == [third.email]
    assert promotion.subject == "Une place s'est libérée : Atelier complet"
    assert _ics(promotion).walk("VEVENT")
    # Cancelling twice frees no second seat.
    assert services.registration_cancel(acting_user=second, event=event) == []
    assert Registration.objects.get(user=fourth).status == "waitlisted"


def test_registering_twice_keeps_one_seat_and_registering_again_goes_to_the_end_of_the_queue():
    event = EventFactory(capacity=1)
    first, second = UserFactory.create_batch(2)
    services.registration_create(acting_user=first, event=event)
    services.registration_create(acting_user=first, event=event)
    assert Registration.objects.filter(status="confirmed").count() == 1
    services.registration_create(acting_user=second, event=event)
    services.registration_cancel(acting_user=first, event=event)
    services.registration_create(acting_user=first, event=event)
    assert Registration.objects.get(user=second).status == "confirmed"
    assert Registration.objects.get(user=first).status == "waitlisted"


def test_more_seats_go_to_the_waitlist_and_closed_registrations_are_refused():
    event = EventFactory(capacity=1)
    people = UserFactory.create_batch(3)
    for person in people:
        services.registration_create(acting_user=person, event=event)
    services.event_save(acting_user=None, event=event, data={"capacity": 3})
    assert Registration.objects.filter(status="confirmed").count() == 3
    past = EventFactory(starts_at=in_days(-2), ends_at=in_days(-1.9))
    with pytest.raises(ValidationError, match="closes"):
        services.registration_create(acting_user=people[0], event=past)


def test_the_online_link_is_shown_to_confirmed_registrants_only(client):
    event = EventFactory(capacity=1, online_url="https://visio.exemple.gouv.fr/lien-prive")
    url = event.get_absolute_url()
    assert "lien-prive" not in client.get(url).content.decode()
    holder, waiting = UserFactory.create_batch(2)
    services.registration_create(acting_user=holder, event=event)
    services.registration_create(acting_user=waiting, event=event)
    client.force_login(waiting)
    page = client.get(url).content.decode()
    assert "lien-prive" not in page
    assert "Liste d'attente : position 1" in page
    client.force_login(holder)
    assert "lien-prive" in client.get(url).content.decode()


def test_register_and_cancel_through_the_pages(client):
    event = EventFactory(capacity=5)
    user = UserFactory()
    register = reverse("events:register", kwargs={"slug": event.slug})
    assert client.post(register).status_code == 302
    assert not Registration.objects.exists()  # sent to the login page
    client.force_login(user)
    client.post(register)
    client.post(register)
    assert Registration.objects.get(user=user).status == "confirmed"
    client.post(reverse("events:unregister", kwargs={"slug": event.slug}))
    assert Registration.objects.get(user=user).status == "cancelled"


def test_organisers_see_registrants_mark_attendance_and_download_the_csv(client):
    event = EventFactory(capacity=1)
    came, waiting = UserFactory(email="venue@exemple.fr"), UserFactory(email="attend@exemple.fr")
    services.registration_create(acting_user=came, event=event)
    services.registration_create(acting_user=waiting, event=event)
    registrations = reverse("events:registrations", kwargs={"slug": event.slug})
    csv_url = reverse("events:registrations_csv", kwargs={"slug": event.slug})
    for persona in (None, UserFactory(), UserFactory(roles=[Role.MODERATOR])):
        if persona:
            client.force_login(persona)
        for url in (registrations, csv_url):
            response = client.get(url)
            assert response.status_code in (302, 403), url
    client.force_login(UserFactory(roles=[Role.AGENT]))
    page = client.get(registrations).content.decode()
    assert "venue@exemple.fr" in page
    assert "attend@exemple.fr" in page
    registration = Registration.objects.get(user=came)
    client.post(registrations, {"present": [registration.pk]})
    registration.refresh_from_db()
    assert registration.attended is True
    content = client.get(csv_url).content.decode().splitlines()
    assert content[0] == "public_name,email,status,registered_at,promoted_at,attended"
    assert "venue@exemple.fr,confirmed" in content[1]
    assert content[1].endswith(",true")
    assert "attend@exemple.fr,waitlisted" in content[2]


def test_cancelling_an_event_tells_everyone_registered_with_a_calendar_update(committed):
    series = EventSeriesFactory()
    event = EventFactory(series=series, capacity=1, title="Forum annulé")
    holder, waiting, follower = UserFactory.create_batch(3)
    follow_set(user=follower, target=series, following=True)
    services.registration_create(acting_user=holder, event=event)
    services.registration_create(acting_user=waiting, event=event)
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        services.event_cancel(acting_user=None, event=event, reason=" ")
    with committed():
        services.event_cancel(acting_user=None, event=event, reason="Salle indisponible")
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert event.sequence == 1
    by_address = {message.to[0]: message for message in mail.outbox}
    for person in (holder, waiting):
        message = by_address[person.email]
        assert "Salle indisponible" in message.body
        [component] = _ics(message).walk("VEVENT")
        assert str(component["STATUS"]) == "CANCELLED"
        assert component["SEQUENCE"] == 1
    assert Notification.objects.get(user=follower).kind == "event_cancelled"
    assert history_for_object(event).first().changes["status"] == ["published", "cancelled"]


def test_a_series_is_created_once_with_its_events_every_two_weeks_at_the_same_local_hour():
    plan = ActionPlanFactory()
    # 12:30 in Paris in winter; the last sessions fall after the switch to summer time.
    first = datetime.datetime(2027, 3, 4, 12, 30, tzinfo=PARIS)
    series = services.series_create(
        acting_user=UserFactory(roles=[Role.AGENT]),
        series_data={"title": "Webinaires", "plan": plan},
        event_data={"kind": "webinar", "format": "online", "status": Event.Status.PUBLISHED},
        recurrence=services.Recurrence(
            first_starts_at=first,
            duration=datetime.timedelta(hours=1),
            every_weeks=2,
            count=6,
        ),
    )
    events = list(series.events.order_by("starts_at"))
    assert len(events) == 6
    local = [timezone.localtime(event.starts_at) for event in events]
    assert [moment.date() for moment in local][:3] == [
        datetime.date(2027, 3, 4),
        datetime.date(2027, 3, 18),
        datetime.date(2027, 4, 1),
    ]
    assert {(moment.hour, moment.minute) for moment in local} == {(12, 30)}
    assert {event.plan for event in events} == {plan}
    assert len({event.slug for event in events}) == 6
    with pytest.raises(ValidationError):
        services.Recurrence(first, datetime.timedelta(hours=1), 2, 60).starts()


def test_series_form_creates_the_series_for_agents_only(client):
    data = {
        "title": "Webinaires du jeudi",
        "kind": "webinar",
        "format": "online",
        "first_starts_at": "2027-01-07T10:00",
        "duration_minutes": "60",
        "every_weeks": "2",
        "count": "3",
        "publish": "on",
    }
    client.force_login(UserFactory())
    assert client.post(reverse("events:series_create"), data).status_code == 403
    client.force_login(UserFactory(roles=[Role.AGENT]))
    response = client.post(reverse("events:series_create"), data)
    assert response.status_code == 302
    assert Event.objects.filter(series__title="Webinaires du jeudi").count() == 3


def test_reminders_go_once_to_confirmed_registrants_of_the_next_day_who_want_them(committed):
    soon = EventFactory(starts_at=in_days(0.5), ends_at=in_days(0.6), title="Demain")
    later = EventFactory(starts_at=in_days(3), ends_at=in_days(3.1))
    wants, refuses, waiting = UserFactory.create_batch(3)
    preference_set(user=refuses, frequency="immediate", event_reminders=False)
    soon.capacity = 2
    soon.save()
    for person in (wants, refuses, waiting):
        services.registration_create(acting_user=person, event=soon)
        services.registration_create(acting_user=person, event=later)
    mail.outbox.clear()
    out = StringIO()
    with committed():
        call_command("send_reminders", stdout=out)
    assert "1 reminder(s) queued." in out.getvalue()
    [reminder] = mail.outbox
    assert reminder.to == [wants.email]
    assert reminder.subject == "Rappel : Demain"
    assert reminder.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with committed():
        call_command("send_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1  # a second run reminds nobody twice
    with committed(), time_machine.travel(timezone.now() + datetime.timedelta(days=2.5)):
        call_command("send_reminders", stdout=StringIO())
    # The later event, the day before: it has no seat limit, so nobody waits for it.
    assert {message.to[0] for message in mail.outbox[1:]} == {wants.email, waiting.email}


def test_calendar_feeds_parse_and_never_carry_the_online_link(client):
    plan = ActionPlanFactory(slug="2027-2029")
    series = EventSeriesFactory(slug="webinaires")
    EventFactory(title="Séance 1", series=series, plan=plan, online_url="https://visio.secret/x")
    EventFactory(title="Séance annulée", series=series, status=Event.Status.CANCELLED)
    EventFactory(title="Brouillon", status=Event.Status.DRAFT)
    EventFactory(title="Ailleurs")
    feeds = {
        reverse("events:feed"): {"Séance 1", "Séance annulée", "Ailleurs"},
        reverse("events:series_feed", kwargs={"slug": "webinaires"}): {
            "Séance 1",
            "Séance annulée",
        },
        reverse("events:plan_feed", kwargs={"slug": "2027-2029"}): {"Séance 1"},
    }
    for url, titles in feeds.items():
        response = client.get(url)
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert b"visio.secret" not in response.content
        calendar = icalendar.Calendar.from_ical(response.content)
        assert {str(component["SUMMARY"]) for component in calendar.walk("VEVENT")} == titles
    statuses = {
        str(component["SUMMARY"]): str(component["STATUS"])
        for component in icalendar.Calendar.from_ical(
            client.get(reverse("events:feed")).content
        ).walk("VEVENT")
    }
    assert statuses["Séance annulée"] == "CANCELLED"
    assert client.get(reverse("events:plan_feed", kwargs={"slug": "inconnu"})).status_code == 404


def test_the_calendar_page_shows_the_month_of_the_events(client):
    EventFactory(
        title="Forum de mai",
        starts_at=datetime.datetime(2027, 5, 20, 9, tzinfo=PARIS),
        ends_at=datetime.datetime(2027, 5, 20, 17, tzinfo=PARIS),
    )
    page = client.get(reverse("events:calendar_month", kwargs={"year": 2027, "month": 5}))
    content = page.content.decode()
    assert "Forum de mai" in content
    assert "mai 2027" in content
    assert "Forum de mai" not in client.get("/evenements/calendrier/2027/6/").content.decode()


def test_after_the_event_the_minutes_and_what_it_fed_are_shown(client):
    event = EventFactory(
        starts_at=in_days(-3), ends_at=in_days(-2.9), minutes="Les **décisions** prises."
    )
    page = client.get(event.get_absolute_url()).content.decode()
    assert "<strong>décisions</strong>" in page
    assert "Les inscriptions sont closes." in page


def test_event_lists_cost_the_same_queries_with_many_more_events(client):
    EventFactory(capacity=3)
    assert_constant_queries(
        client,
        reverse("events:list"),
        lambda: [
            services.registration_create(acting_user=UserFactory(), event=event)
            for event in EventFactory.create_batch(12, capacity=3, series=EventSeriesFactory())
        ],
    )
    assert_constant_queries(client, "/api/events/", lambda: EventFactory.create_batch(5))


def test_an_event_of_a_draft_plan_is_not_public_by_the_rule_itself(client):
    from ouvert.core.publicity import is_public, public
    from ouvert.plans.models import ActionPlan

    draft_plan = ActionPlanFactory(slug="2029-2031", status=ActionPlan.Status.DRAFT)
    hidden = EventFactory(title="Atelier du plan en préparation", plan=draft_plan)
    shown = EventFactory(title="Atelier sans plan")
    assert not is_public(hidden)
    assert is_public(shown)
    assert list(public(Event)) == [shown]
    assert client.get(hidden.get_absolute_url()).status_code == 404
    draft_plan.status = ActionPlan.Status.PUBLISHED
    draft_plan.save()
    assert is_public(hidden)
