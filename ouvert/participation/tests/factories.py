import datetime

import factory
from django.utils import timezone

from ouvert.accounts.tests.factories import UserFactory
from ouvert.participation.models import (
    Event,
    EventFormat,
    EventKind,
    EventSeries,
    Proposal,
    ProposalCall,
)
from ouvert.plans.tests.factories import PhaseFactory


def in_days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    slug = factory.Sequence(lambda n: f"serie-{n}")
    title = factory.Sequence(lambda n: f"Série {n}")


class EventFactory(factory.django.DjangoModelFactory):
    """A published online webinar in ten days."""

    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"evenement-{n}")
    title = factory.Sequence(lambda n: f"Webinaire {n}")
    kind = EventKind.WEBINAR
    format = EventFormat.ONLINE
    status = Event.Status.PUBLISHED
    starts_at = factory.LazyFunction(lambda: in_days(10))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=1))
    online_url = "https://visio.exemple.gouv.fr/salle"


class ProposalCallFactory(factory.django.DjangoModelFactory):
    """An open call of a concertation phase."""

    class Meta:
        model = ProposalCall

    phase = factory.SubFactory(PhaseFactory)
    opens_at = factory.LazyFunction(lambda: in_days(-10))
    closes_at = factory.LazyFunction(lambda: in_days(20))
    answer_within_days = 30


class ProposalFactory(factory.django.DjangoModelFactory):
    """A published proposal."""

    class Meta:
        model = Proposal

    call = factory.SubFactory(ProposalCallFactory)
    kind = Proposal.Kind.COMMITMENT_IDEA
    title = factory.Sequence(lambda n: f"Proposition {n}")
    body = "Ouvrir les données des marchés publics."
    author = factory.SubFactory(UserFactory)
    status = Proposal.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
