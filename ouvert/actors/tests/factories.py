import factory

from ouvert.actors.models import Actor


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Actor.Kind.ASSOCIATION


class PublicBodyFactory(ActorFactory):
    name = factory.Sequence(lambda n: f"Ministère numéro {n}")
    kind = Actor.Kind.PUBLIC_BODY
