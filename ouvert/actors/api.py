"""The actors in the API: search with facets, one actor, the map's clusters. Reads are public."""

import datetime

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field as PydanticField

from ouvert.actors import selectors
from ouvert.actors.models import Actor
from ouvert.actors.search import ActorFilters
from ouvert.actors.views import clusters_document
from ouvert.core.http import absolute_url

router = Router(tags=["actors"])


class ActorOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    mission: str
    themes: list[str]
    territory: str
    website: str
    public_email: str
    commune_code: str | None
    commune: str
    postal_code: str
    department: str
    region: str
    latitude: float | None
    longitude: float | None
    rna_id: str | None
    founded_on: datetime.date | None
    dissolved_on: datetime.date | None
    is_dissolved: bool
    is_verified: bool
    url: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_themes(actor: Actor) -> list[str]:
        return actor.theme_list

    @staticmethod
    def resolve_commune_code(actor: Actor) -> str | None:
        return actor.commune_id

    @staticmethod
    def resolve_commune(actor: Actor) -> str:
        return actor.commune.name if actor.commune else actor.city_name

    @staticmethod
    def resolve_department(actor: Actor) -> str:
        return actor.department_code

    @staticmethod
    def resolve_region(actor: Actor) -> str:
        return actor.region_code

    @staticmethod
    def resolve_url(actor: Actor) -> str:
        return absolute_url(reverse("actors:detail", kwargs={"pk": actor.pk}))


class FacetOut(Schema):
    value: str
    count: int


class FacetsOut(Schema):
    kinds: list[FacetOut]
    themes: list[FacetOut]
    open_government: int
    regions: list[FacetOut]
    departments: list[FacetOut]
    communes: list[FacetOut]
    situations: list[FacetOut]
    verified: list[FacetOut]
    estimated: bool = PydanticField(description="Counts scaled from a uniform sample of matches.")


class SearchOut(Schema):
    count: int
    count_is_estimate: bool
    page: int
    pages: int
    facets: FacetsOut
    items: list[ActorOut]


class SearchQuery(Schema):
    q: str = PydanticField("", max_length=200, description="Words of the name or mission.")
    kind: str = ""
    theme: str = ""
    open_government: bool = False
    region: str = PydanticField("", max_length=3)
    department: str = PydanticField("", max_length=3)
    commune: str = PydanticField("", max_length=5)
    situation: str = PydanticField("", pattern="^(|active|dissolved)$")
    verified: str = PydanticField("", pattern="^(|yes|no)$")
    page: int = PydanticField(1, ge=1, le=10_000)
    page_size: int = PydanticField(20, ge=1, le=100)

    def filters(self) -> ActorFilters:
        return ActorFilters(
            text=self.q,
            kind=self.kind if self.kind in Actor.Kind.values else "",
            theme=self.theme,
            open_government=self.open_government,
            region=self.region.upper(),
            department=self.department.upper(),
            commune=self.commune.upper(),
            situation=self.situation,
            verified=self.verified,
        )


class ClustersQuery(SearchQuery):
    bbox: str = PydanticField("", description="west,south,east,north in degrees (WGS 84).")
    zoom: int = PydanticField(5, ge=0, le=18)


@router.get("/", response=SearchOut, summary="Search published actors, with facet counts")
def search_actors(request: HttpRequest, query: Query[SearchQuery]):
    result = selectors.actors_search(
        filters=query.filters(), page=query.page, page_size=query.page_size
    )
    return {
        "count": result.total,
        "count_is_estimate": result.total_is_estimate,
        "page": result.page,
        "pages": result.pages,
        "facets": result.facets,
        "items": result.actors,
    }


@router.get("/clusters", summary="Map clusters of a search for a viewport (GeoJSON)")
def actor_clusters(request: HttpRequest, query: Query[ClustersQuery]):
    box = selectors.BoundingBox.parse(query.bbox) or selectors.FRANCE
    clusters = selectors.actors_clusters(filters=query.filters(), box=box, zoom=query.zoom)
    return clusters_document(clusters, query.filters())


@router.get("/{actor_id}", response=ActorOut, summary="One published actor")
def get_actor(request: HttpRequest, actor_id: int):
    actor = selectors.actor_get(pk=actor_id)
    if actor is None or not request.user.has_perm("actors.view_actor", actor):
        raise HttpError(404, "Not found")
    return actor
