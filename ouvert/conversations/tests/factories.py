import factory

from ouvert.conversations.models import Conversation, Participant, Statement, Vote
from ouvert.plans.tests.factories import ActionPlanFactory


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversation

    slug = factory.Sequence(lambda n: f"conversation-{n}")
    title = factory.Sequence(lambda n: f"Question n° {n} ?")
    plan = factory.SubFactory(ActionPlanFactory)
    status = Conversation.Status.OPEN


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    conversation = factory.SubFactory(ConversationFactory)
    number = factory.Sequence(lambda n: n)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    conversation = factory.SubFactory(ConversationFactory)
    number = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Proposition numéro {n}.")
    is_seed = True
    status = Statement.Status.ACCEPTED


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    statement = factory.SubFactory(StatementFactory)
    participant = factory.SubFactory(
        ParticipantFactory, conversation=factory.SelfAttribute("..statement.conversation")
    )
    conversation = factory.SelfAttribute("statement.conversation")
    value = Vote.Value.AGREE
