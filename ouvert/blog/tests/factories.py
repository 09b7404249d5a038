import factory
from django.utils import timezone

from ouvert.accounts.tests.factories import UserFactory
from ouvert.blog.models import Category, Post


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    slug = factory.Sequence(lambda n: f"categorie-{n}")
    name = factory.Sequence(lambda n: f"Catégorie {n}")


class PostFactory(factory.django.DjangoModelFactory):
    """A published post of the team."""

    class Meta:
        model = Post

    slug = factory.Sequence(lambda n: f"billet-{n}")
    title = factory.Sequence(lambda n: f"Billet {n}")
    body = "Le texte du billet."
    author = factory.SubFactory(UserFactory)
    status = Post.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
