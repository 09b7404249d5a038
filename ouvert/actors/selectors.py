"""Reads of actors: search with facets, map clusters, actor pages, the moderation queue."""

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import F, IntegerField, Max, Min, Prefetch, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from ouvert.actors.models import (
    Actor,
    ActorRequest,
    ActorTally,
    Commune,
    Department,
    Region,
    Representative,
)
from ouvert.actors.search import ActorFilters, MatchRow, engine

PAGE_SIZE = 20
COMMUNE_FACET_SIZE = 30


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class Facets:
    """Counts of the current results by kind, theme, place, situation and verification.

    When `estimated`, counts come from a uniform sample of a large result, scaled up.
    """

    kinds: list[FacetValue]
    themes: list[FacetValue]
    open_government: int
    regions: list[FacetValue]
    departments: list[FacetValue]
    communes: list[FacetValue]
    situations: list[FacetValue]
    verified: list[FacetValue]
    estimated: bool


@dataclass(frozen=True)
class SearchResult:
    filters: ActorFilters
    actors: list[Actor]
    total: int
    total_is_estimate: bool
    facets: Facets
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _counted(counter: Counter, scale: float = 1.0) -> list[FacetValue]:
    return [
        FacetValue(value, round(count * scale))
        for value, count in counter.most_common()
        if value not in (None, "") and count
    ]


def _facets_from_rows(rows: list[MatchRow], scale: float, estimated: bool) -> Facets:
    kinds, themes, regions, departments, communes = (Counter() for _ in range(5))
    situations, verified = Counter(), Counter()
    open_government = 0
    for row in rows:
        kinds[row.kind] += 1
        themes.update(row.themes.split())
        regions[row.region] += 1
        departments[row.department] += 1
        communes[row.commune] += 1
        situations["dissolved" if row.is_dissolved else "active"] += 1
        verified["yes" if row.is_verified else "no"] += 1
        open_government += row.is_open_government
    return Facets(
        kinds=_counted(kinds, scale),
        themes=_counted(themes, scale),
        open_government=round(open_government * scale),
        regions=_counted(regions, scale),
        departments=_counted(departments, scale),
        communes=_counted(communes, scale)[:COMMUNE_FACET_SIZE],
        situations=_counted(situations, scale),
        verified=_counted(verified, scale),
        estimated=estimated,
    )


def _tally_rows(filters: ActorFilters, *, level: str, by_theme: bool = False) -> QuerySet:
    """Tally rows under `filters` (no words). With `by_theme`, the rows that count each theme
    instead of the rows that count each actor once."""
    rows = ActorTally.objects.filter(level=level)
    rows = rows.exclude(theme="") if by_theme else rows.filter(theme=filters.theme)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.open_government:
        rows = rows.filter(is_open_government=True)
    if filters.region:
        rows = rows.filter(region_code=filters.region)
    if filters.department:
        rows = rows.filter(department_code=filters.department)
    if filters.commune:
        rows = rows.filter(commune_id=filters.commune)
    if filters.situation in ("active", "dissolved"):
        rows = rows.filter(is_dissolved=filters.situation == "dissolved")
    if filters.verified in ("yes", "no"):
        rows = rows.filter(is_verified=filters.verified == "yes")
    return rows


def _facets_from_tallies(filters: ActorFilters) -> tuple[int, Facets]:
    """Exact counts for a search without words, read from the tallies (a few thousand rows)."""
    level = ActorTally.Level.COMMUNE if filters.commune else ActorTally.Level.DEPARTMENT
    kinds, regions, departments, situations, verified = (Counter() for _ in range(5))
    total = open_government = 0
    grouped = (
        _tally_rows(filters, level=level)
        .values_list(
            "kind",
            "region_code",
            "department_code",
            "is_dissolved",
            "is_verified",
            "is_open_government",
        )
        .annotate(total=Sum("actors"))
        .order_by()
    )
    for kind, region, department, dissolved, is_verified, is_og, count in grouped:
        total += count
        kinds[kind] += count
        regions[region] += count
        departments[department] += count
        situations["dissolved" if dissolved else "active"] += count
        verified["yes" if is_verified else "no"] += count
        open_government += count if is_og else 0
    if filters.theme:
        # Facets count the current results: with a theme chosen, that theme holds them all.
        themes = Counter({filters.theme: total})
    else:
        themes = Counter(
            dict(
                _tally_rows(filters, level=level, by_theme=True)
                .values_list("theme")
                .annotate(total=Sum("actors"))
                .order_by()
            )
        )
    communes: Counter = Counter()
    if filters.department or filters.commune:
        communes = Counter(
            dict(
                _tally_rows(filters, level=ActorTally.Level.COMMUNE)
                .exclude(commune=None)
                .values_list("commune_id")
                .annotate(total=Sum("actors"))
                .order_by("-total")[:COMMUNE_FACET_SIZE]
            )
        )
    return total, Facets(
        kinds=_counted(kinds),
        themes=_counted(themes),
        open_government=open_government,
        regions=_counted(regions),
        departments=_counted(departments),
        communes=_counted(communes),
        situations=_counted(situations),
        verified=_counted(verified),
        estimated=False,
    )


def _actors_by_key(keys: list[int]) -> list[Actor]:
    """The actors of `keys`, in that order, with what a result line shows."""
    found = {
        actor.search_key: actor
        for actor in Actor.objects.filter(search_key__in=keys).select_related(
            "commune", "commune__department"
        )
    }
    return [found[key] for key in keys if key in found]


def actors_search(
    *, filters: ActorFilters, page: int = 1, page_size: int = PAGE_SIZE
) -> SearchResult:
    """One page of published actors matching `filters`, with the facet counts of all of them."""
    page = max(1, page)
    offset = (page - 1) * page_size
    search = engine()
    if filters.words():
        sample = search.sample(filters)
        total, total_is_estimate = sample.total, sample.total_is_estimate
        facets = _facets_from_rows(
            sample.rows, sample.scale if not sample.complete else 1.0, not sample.complete
        )
        keys = search.page_keys(filters, offset=offset, limit=page_size)
    else:
        total, facets = _facets_from_tallies(filters)
        total_is_estimate = False
        if filters.is_empty:
            keys = list(
                Actor.objects.published()
                .order_by("search_key")
                .values_list("search_key", flat=True)[offset : offset + page_size]
            )
        else:
            keys = search.page_keys(filters, offset=offset, limit=page_size)
    return SearchResult(
        filters=filters,
        actors=_actors_by_key(keys),
        total=total,
        total_is_estimate=total_is_estimate,
        facets=facets,
        page=page,
        page_size=page_size,
    )


# The map ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cluster:
    """Actors that share a cell of the map's grid: their count and their weighted centre."""

    latitude: float
    longitude: float
    count: int
    commune_code: str | None  # when the cell holds a single commune
    commune_name: str = ""


@dataclass(frozen=True)
class BoundingBox:
    south: float
    west: float
    north: float
    east: float

    @classmethod
    def parse(cls, text: str) -> "BoundingBox | None":
        """ "west,south,east,north" (the order Leaflet's toBBoxString gives), or None."""
        try:
            west, south, east, north = (float(part) for part in text.split(","))
        except (TypeError, ValueError):
            return None
        if not (-90 <= south <= north <= 90 and -180 <= west <= east <= 180):
            return None
        return cls(south=south, west=west, north=north, east=east)


FRANCE = BoundingBox(south=-22.0, west=-63.0, north=51.5, east=56.0)


def cell_size(zoom: int) -> float:
    """The side of a grid cell in degrees: about 64 pixels at `zoom`."""
    zoom = min(max(zoom, 0), 18)
    return 360 / 2**zoom / 4


def _clusters_from_points(
    points: Iterable[tuple[float, float, str | None, float]], size: float
) -> list[Cluster]:
    cells: dict[tuple[int, int], list[float]] = {}
    communes: dict[tuple[int, int], set] = defaultdict(set)
    for latitude, longitude, commune, weight in points:
        cell = (math.floor(latitude / size), math.floor(longitude / size))
        total = cells.setdefault(cell, [0.0, 0.0, 0.0])
        total[0] += weight
        total[1] += latitude * weight
        total[2] += longitude * weight
        communes[cell].add(commune)
    clusters = []
    for cell, (weight, lat_sum, lon_sum) in cells.items():
        only = next(iter(communes[cell])) if len(communes[cell]) == 1 else None
        clusters.append(
            Cluster(
                latitude=round(lat_sum / weight, 5),
                longitude=round(lon_sum / weight, 5),
                count=round(weight),
                commune_code=only,
            )
        )
    return clusters


def _with_commune_names(clusters: list[Cluster]) -> list[Cluster]:
    codes = {cluster.commune_code for cluster in clusters if cluster.commune_code}
    names = dict(Commune.objects.filter(code__in=codes).values_list("code", "name"))
    return [
        replace(cluster, commune_name=names.get(cluster.commune_code, ""))
        if cluster.commune_code
        else cluster
        for cluster in clusters
    ]


@dataclass(frozen=True)
class MapClusters:
    clusters: list[Cluster]
    total: int
    estimated: bool


def actors_clusters(*, filters: ActorFilters, box: BoundingBox, zoom: int) -> MapClusters:
    """The published actors matching `filters` inside `box`, grouped into cells for `zoom`.

    Actors of one commune share its point; without words the map reads the per-commune tallies
    (tens of thousands of rows for the whole of France, whatever the number of actors).
    """
    size = cell_size(zoom)
    if filters.words():
        sample = engine().sample(filters)
        scale = 1.0 if sample.complete else sample.scale
        points_of = commune_points()
        located = (
            (points_of[row.commune], row.commune) for row in sample.rows if row.commune in points_of
        )
        points = (
            (latitude, longitude, commune, scale)
            for (latitude, longitude), commune in located
            if box.south <= latitude <= box.north and box.west <= longitude <= box.east
        )
        clusters = _clusters_from_points(points, size)
        return MapClusters(
            _with_commune_names(clusters), sum(c.count for c in clusters), not sample.complete
        )
    # Filtered by theme and place only, the map reads one row per commune (and theme).
    only_theme_and_place = not (
        filters.kind or filters.open_government or filters.situation or filters.verified
    )
    level = ActorTally.Level.POINT if only_theme_and_place else ActorTally.Level.COMMUNE
    # Cast truncates on SQLite and rounds on PostgreSQL: either way a regular grid.
    grouped = (
        _tally_rows(filters, level=level)
        .filter(
            latitude__gte=box.south,
            latitude__lte=box.north,
            longitude__gte=box.west,
            longitude__lte=box.east,
        )
        .annotate(
            cell_lat=Cast((F("latitude") + 90.0) / size, IntegerField()),
            cell_lon=Cast((F("longitude") + 180.0) / size, IntegerField()),
        )
        .values("cell_lat", "cell_lon")
        .annotate(
            total=Sum("actors"),
            lat_sum=Sum(F("actors") * F("latitude")),
            lon_sum=Sum(F("actors") * F("longitude")),
            first=Min("commune_id"),
            last=Max("commune_id"),
        )
        .order_by()
    )
    clusters = [
        Cluster(
            latitude=round(row["lat_sum"] / row["total"], 5),
            longitude=round(row["lon_sum"] / row["total"], 5),
            count=row["total"],
            commune_code=row["first"] if row["first"] == row["last"] else None,
        )
        for row in grouped
        if row["total"]
    ]
    return MapClusters(_with_commune_names(clusters), sum(c.count for c in clusters), False)


# Places -------------------------------------------------------------------------------------


@functools.cache
def commune_points() -> dict[str, tuple[float, float]]:
    """(latitude, longitude) of every commune, read once per process (the reference changes at
    set-up only; `actors.services.territories_load` clears this cache)."""
    return {
        code: (latitude, longitude)
        for code, latitude, longitude in Commune.objects.exclude(latitude=None).values_list(
            "code", "latitude", "longitude"
        )
    }


@dataclass(frozen=True)
class PlaceNames:
    regions: dict[str, str]
    departments: dict[str, str]
    communes: dict[str, str]


def place_names(*, commune_codes: Iterable[str] = ()) -> PlaceNames:
    """Names of every région and département, and of the given communes (three small queries)."""
    return PlaceNames(
        regions=dict(Region.objects.values_list("code", "name")),
        departments=dict(Department.objects.values_list("code", "name")),
        communes=dict(
            Commune.objects.filter(code__in=[code for code in commune_codes if code]).values_list(
                "code", "name"
            )
        ),
    )


def communes_for_postal_code(postal_code: str) -> list[Commune]:
    return list(
        Commune.objects.filter(postal_codes__code=postal_code)
        .select_related("department")
        .order_by("name")
        .distinct()
    )


# Actors -------------------------------------------------------------------------------------


def actor_get(*, pk: int) -> Actor | None:
    """An actor of any status, with its place and its representatives."""
    return (
        Actor.objects.filter(pk=pk)
        .select_related("commune", "commune__department", "commune__department__region")
        .prefetch_related(
            Prefetch("representatives", queryset=Representative.objects.select_related("user"))
        )
        .first()
    )


def actor_get_by_rna(*, rna_id: str) -> Actor | None:
    return Actor.objects.filter(rna_id=rna_id.strip().upper()).first()


def actor_ids_represented_by(user) -> set[int]:
    """The actors `user` speaks for (their representations, accepted by moderation)."""
    if not user.is_authenticated:
        return set()
    # Permissions ask several times per page: read once per user object (one request).
    cached = getattr(user, "_represented_actor_ids", None)
    if cached is None:
        cached = set(Representative.objects.filter(user=user).values_list("actor_id", flat=True))
        user._represented_actor_ids = cached
    return cached


def is_representative(*, user, actor: Actor) -> bool:
    if not user.is_authenticated:
        return False
    return any(rep.user_id == user.pk for rep in actor.representatives.all())


def requests_pending() -> QuerySet[ActorRequest]:
    """The moderation queue, oldest first."""
    return (
        ActorRequest.objects.filter(status=ActorRequest.Status.PENDING)
        .select_related("actor", "actor__commune", "requested_by")
        .order_by("created_at", "id")
    )


def requests_decided() -> QuerySet[ActorRequest]:
    return (
        ActorRequest.objects.exclude(status=ActorRequest.Status.PENDING)
        .select_related("actor", "requested_by", "decided_by")
        .order_by("-decided_at", "-id")
    )


def requests_of(*, user) -> QuerySet[ActorRequest]:
    return ActorRequest.objects.filter(requested_by=user).select_related("actor")


def request_get(*, pk: int) -> ActorRequest | None:
    return (
        ActorRequest.objects.filter(pk=pk)
        .select_related("actor", "actor__commune", "requested_by", "decided_by")
        .first()
    )


def actors_public() -> QuerySet[Actor]:
    """Every published actor with its place: the open-data rows, in a stable order."""
    return Actor.objects.published().select_related("commune").order_by("pk")


def actors_matching(*, filters: ActorFilters) -> QuerySet[Actor]:
    """Every published actor matching `filters` (for exports), in a stable order."""
    actors = actors_public()
    if filters.is_empty:
        return actors
    sql, params = engine().keys_sql(filters)
    return actors.filter(search_key__in=RawSQL(sql, params))  # noqa: S611 - parameters only


def actors_counted() -> list[tuple[str, bool, int]]:
    """Published actors counted by kind and verification: (kind, is_verified, count).

    Read from the département tallies, which count every published actor once (on the row without
    a theme): a few thousand rows whatever the number of actors, and the same totals as the map.
    """
    return list(
        ActorTally.objects.filter(level=ActorTally.Level.DEPARTMENT, theme="")
        .values_list("kind", "is_verified")
        .annotate(total=Sum("actors"))
        .order_by("kind", "is_verified")
    )
