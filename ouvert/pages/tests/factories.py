import factory

from ouvert.pages.models import Page


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    slug = factory.Sequence(lambda n: f"page-{n}")
    title = factory.Sequence(lambda n: f"Page numéro {n}")
    body = "Un paragraphe.\n\n## Une section\n\nUn autre paragraphe."
    is_published = True
