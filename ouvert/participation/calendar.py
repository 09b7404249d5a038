"""Events as iCalendar (RFC 5545): the feeds, the file of one event, the invitations sent by e-mail.

A public file never carries the online link: only the copy sent to a registrant does.
"""

from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from ouvert.core.http import absolute_url
from ouvert.core.markdown import markdown_to_text
from ouvert.participation.models import Event

PRODUCT_ID = "-//ouvert//Participation//FR"


def event_uid(event: Event) -> str:
    host = urlsplit(settings.OUVERT_SITE_URL).hostname or "ouvert.localhost"
    return f"evenement-{event.pk}@{host}"


def event_component(event: Event, *, for_registrant: bool = False) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", timezone.now())
    component.add("sequence", event.sequence)
    component.add("dtstart", event.starts_at)
    component.add("dtend", event.ends_at)
    component.add("summary", event.title)
    url = absolute_url(event.get_absolute_url())
    component.add("url", url)
    description = [markdown_to_text(event.description), url]
    if for_registrant and event.is_online and event.online_url:
        description.insert(1, event.online_url)
        component.add("x-ouvert-online-link", event.online_url)
    component.add("description", "\n\n".join(part for part in description if part))
    place = ", ".join(part for part in (event.venue, event.address) if part)
    if event.is_in_person and place:
        component.add("location", place)
    elif for_registrant and event.online_url:
        component.add("location", event.online_url)
    if event.is_in_person and event.latitude is not None and event.longitude is not None:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    component.add("categories", [event.get_kind_display()])
    return component


def calendar(events: Iterable[Event], *, name: str, method: str = "") -> bytes:
    """A calendar of `events`: a feed, or with `method` the copy sent to a registrant."""
    document = icalendar.Calendar()
    document.add("prodid", PRODUCT_ID)
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    document.add("x-wr-calname", name)
    document.add("x-wr-timezone", settings.TIME_ZONE)
    if method:
        document.add("method", method)
    for event in events:
        document.add_component(event_component(event, for_registrant=bool(method)))
    return document.to_ical()


def invitation(event: Event) -> list[str]:
    """The `.ics` attachment of a registrant's e-mail, as send_email takes it.

    PUBLISH rather than REQUEST: the platform sends a copy to keep, not an iTIP meeting request
    awaiting a reply. A cancelled event goes out again with STATUS:CANCELLED and a higher SEQUENCE,
    which calendars apply to their copy.
    """
    content = calendar([event], name=event.title, method="PUBLISH").decode()
    return ["evenement.ics", content, "text/calendar; method=PUBLISH; charset=utf-8"]
