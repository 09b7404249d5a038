import datetime

import factory

from ouvert.actors.tests.factories import PublicBodyFactory
from ouvert.plans.models import ActionPlan, Commitment, Milestone, Phase


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    slug = factory.Sequence(lambda n: f"{2000 + 2 * n}-{2002 + 2 * n}")
    title = factory.LazyAttribute(lambda plan: f"Plan d'action {plan.slug}")
    status = ActionPlan.Status.PUBLISHED


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    plan = factory.SubFactory(ActionPlanFactory)
    kind = Phase.Kind.CONCERTATION
    starts_on = datetime.date(2021, 3, 1)
    ends_on = datetime.date(2021, 7, 31)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment
        skip_postgeneration_save = True

    plan = factory.SubFactory(ActionPlanFactory)
    reference = factory.Sequence(lambda n: f"FR{9000 + n:04d}")
    title = factory.Sequence(lambda n: f"Engagement numéro {n}")
    status = Commitment.Status.PUBLISHED
    lead_institution = factory.SubFactory(PublicBodyFactory)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if extracted:
            self.supporting_institutions.set(extracted)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    commitment = factory.SubFactory(CommitmentFactory)
    reference = factory.Sequence(lambda n: f"J-{n}")
    title = factory.Sequence(lambda n: f"Jalon {n}")
    ends_on = datetime.date(2030, 12, 31)
