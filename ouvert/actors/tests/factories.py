import factory

from ouvert.actors.models import Actor, ActorRequest, Commune, Department, PostalCode, Region
from ouvert.actors.selectors import commune_points
from ouvert.actors.tallies import tally_refresh
from ouvert.actors.themes import Theme


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "75"
    name = "Nouvelle-Aquitaine"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = "33"
    name = "Gironde"
    region = factory.SubFactory(RegionFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = "33063"
    name = "Bordeaux"
    department = factory.SubFactory(DepartmentFactory)
    latitude = 44.83802
    longitude = -0.57964


class PostalCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostalCode
        django_get_or_create = ("code", "commune")

    code = "33000"
    commune = factory.SubFactory(CommuneFactory)


def gironde() -> dict[str, Commune]:
    """Two communes of Gironde and one of Paris, with their postal codes."""
    bordeaux = CommuneFactory()
    PostalCodeFactory(code="33000", commune=bordeaux)
    pessac = CommuneFactory(code="33318", name="Pessac", latitude=44.80565, longitude=-0.6324)
    PostalCodeFactory(code="33600", commune=pessac)
    paris_region = RegionFactory(code="11", name="Île-de-France")
    paris_department = DepartmentFactory(code="75", name="Paris", region=paris_region)
    paris = CommuneFactory(
        code="75056",
        name="Paris",
        department=paris_department,
        latitude=48.85659,
        longitude=2.34292,
    )
    PostalCodeFactory(code="75001", commune=paris)
    return {"bordeaux": bordeaux, "pessac": pessac, "paris": paris}


class ActorFactory(factory.django.DjangoModelFactory):
    """A published association; `commune=` places it (département, région and point follow)."""

    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Association numéro {n}")
    kind = Actor.Kind.ASSOCIATION
    mission = "Agir pour la vie locale."
    themes = Theme.LOCAL
    status = Actor.Status.PUBLISHED
    commune = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        commune = kwargs.get("commune")
        if commune is not None:
            kwargs.setdefault("department_code", commune.department_id)
            kwargs.setdefault("region_code", commune.department.region_id)
            kwargs.setdefault("latitude", commune.latitude)
            kwargs.setdefault("longitude", commune.longitude)
        return super()._create(model_class, *args, **kwargs)


class PublicBodyFactory(ActorFactory):
    name = factory.Sequence(lambda n: f"Ministère numéro {n}")
    kind = Actor.Kind.PUBLIC_BODY
    themes = Theme.PUBLIC_SERVICES


def recount() -> None:
    """Recount the tallies after actors were made by factories (services do it themselves).

    The commune points are cached per process: forget them before (this test's communes count)
    and after (the next test may load other communes)."""
    commune_points.cache_clear()
    tally_refresh()
    commune_points.cache_clear()


class ActorRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorRequest

    kind = ActorRequest.Kind.CLAIM
    actor = factory.SubFactory(ActorFactory)
    requested_by = factory.SubFactory("ouvert.accounts.tests.factories.UserFactory")
    role = "Présidente"
