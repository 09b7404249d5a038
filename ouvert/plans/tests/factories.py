import datetime

import factory

from ouvert.plans.models import ActionPlan, Phase


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
