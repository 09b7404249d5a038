"""Debates for tests are opened through the service, as on the site: the debated text is frozen
into a version and split into paragraphs."""

import datetime

import factory
from django.utils import timezone

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.debates.models import Argument, Debate, Subject
from ouvert.debates.services import debate_open
from ouvert.plans.models import Commitment
from ouvert.plans.tests.factories import CommitmentFactory

PROBLEM = "Premier paragraphe du problème.\n\nSecond paragraphe du problème."
DESCRIPTION = "L'administration publiera l'inventaire.\n\nLes codes seront ouverts par défaut."
OBJECTIVES = "Comprendre les décisions."


def draft_commitment(**kwargs) -> Commitment:
    return CommitmentFactory(
        status=Commitment.Status.DRAFT,
        problem=PROBLEM,
        description=DESCRIPTION,
        objectives=OBJECTIVES,
        **kwargs,
    )


def open_debate(*, commitment: Commitment | None = None, agent=None, **kwargs) -> Debate:
    """An open debate, until tomorrow, on a draft commitment of five paragraphs (2, 2 and 1)."""
    commitment = commitment or draft_commitment()
    now = timezone.now()
    return debate_open(
        acting_user=agent or UserFactory(roles=[Role.AGENT]),
        plan=commitment.plan,
        subject=Subject.COMMITMENT,
        commitment=commitment,
        opens_at=kwargs.pop("opens_at", now - datetime.timedelta(hours=1)),
        closes_at=kwargs.pop("closes_at", now + datetime.timedelta(days=1)),
        **kwargs,
    )


def close(debate: Debate) -> Debate:
    """The debate as it is once its closing date has passed."""
    now = timezone.now()
    Debate.objects.filter(pk=debate.pk).update(
        opens_at=now - datetime.timedelta(days=2), closes_at=now - datetime.timedelta(minutes=1)
    )
    debate.refresh_from_db()
    return debate


class ArgumentFactory(factory.django.DjangoModelFactory):
    """A published argument for the text."""

    class Meta:
        model = Argument

    debate = factory.LazyFunction(open_debate)
    author = factory.SubFactory(UserFactory)
    side = Argument.Side.PRO
    body = factory.Sequence(lambda n: f"Argument numéro {n}")
    status = Argument.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
