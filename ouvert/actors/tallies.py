"""The per-commune and per-département tallies of published actors (see `ActorTally`).

Derived data, recounted from the actors' search tags, which hold every dimension of a tally
(kind, themes, place, situation, verification): identical tags are counted once in the
database's own order, then spread into tally rows. The full recount (after an import) reads only
the index actors_actor_sample_idx on SQLite; a recount of a few départements (after a single
change) reads their actors through the full-text index.
"""

# ruff: noqa: S608 - SQL is assembled from fixed fragments; values only travel as parameters.

from collections import Counter
from collections.abc import Iterable, Iterator

from django.db import connection, transaction

from ouvert.actors.models import Actor, ActorTally
from ouvert.actors.search import ActorFilters, MatchRow, engine

FETCH_ROWS = 10_000
_COLUMNS = (
    "level",
    "commune_id",
    "department_code",
    "region_code",
    "kind",
    "theme",
    "is_open_government",
    "is_dissolved",
    "is_verified",
    "latitude",
    "longitude",
    "actors",
)


def _fetch(sql: str, params: list) -> Iterator[str]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(FETCH_ROWS):
            for (tags,) in rows:
                yield tags


def _published_tags(department_codes: set[str] | None) -> Iterator[str]:
    """The search tags of every published actor (of the given départements)."""
    if department_codes is None:
        if connection.vendor == "sqlite":
            # Unpublished actors carry an "x" tag (see Actor.search_tags): skipped below.
            sql = "SELECT search_tags FROM actors_actor INDEXED BY actors_actor_sample_idx"
            yield from (tags for tags in _fetch(sql, []) if Actor.UNPUBLISHED_TAG not in tags)
        else:
            yield from _fetch(
                "SELECT search_tags FROM actors_actor WHERE status = %s", [Actor.Status.PUBLISHED]
            )
        return
    search = engine()
    for code in sorted(department_codes):
        if code:
            keys_sql, params = search.keys_sql(ActorFilters(department=code))
            sql = f"SELECT search_tags FROM actors_actor WHERE search_key IN ({keys_sql})"
        else:  # actors placed nowhere: few, and no tag finds them
            sql, params = (
                "SELECT search_tags FROM actors_actor WHERE status = %s AND department_code = ''",
                [Actor.Status.PUBLISHED],
            )
        yield from _fetch(sql, params)


def tally_rows(tags: Iterable[str], points: dict[str, tuple[float, float]]) -> list[tuple]:
    """Tally rows (in `_COLUMNS` order) of actors with these search tags."""
    communes: Counter = Counter()
    departments: Counter = Counter()
    map_points: Counter = Counter()
    no_flags = (False, False, False)
    for text, count in Counter(tags).items():
        row = MatchRow.from_tags(text)
        place = (row.department, row.region, row.kind)
        flags = (row.is_open_government, row.is_dissolved, row.is_verified)
        for theme in ("", *row.themes.split()):
            communes[(row.commune, *place, theme, *flags)] += count
            departments[(None, *place, theme, *flags)] += count
            if row.commune:
                map_points[(row.commune, row.department, row.region, "", theme, *no_flags)] += count
    rows = []
    levels = (
        (ActorTally.Level.COMMUNE, communes),
        (ActorTally.Level.DEPARTMENT, departments),
        (ActorTally.Level.POINT, map_points),
    )
    for level, counts in levels:
        for (commune, *rest), count in counts.items():
            located = commune and level != ActorTally.Level.DEPARTMENT
            latitude, longitude = points.get(commune, (None, None)) if located else (None, None)
            rows.append((level.value, commune, *rest, latitude, longitude, count))
    return rows


def tally_refresh(*, department_codes: set[str] | None = None) -> None:
    """Recount the tallies of the given départements (all of them when None).

    A single change recounts its département only; an import recounts everything once, at the end.
    """
    from ouvert.actors.selectors import commune_points

    rows = tally_rows(_published_tags(department_codes), commune_points())
    scope = ActorTally.objects.all()
    if department_codes is not None:
        scope = scope.filter(department_code__in=department_codes)
    placeholders = ", ".join(["%s"] * len(_COLUMNS))
    with transaction.atomic(), connection.cursor() as cursor:
        scope.delete()
        for start in range(0, len(rows), FETCH_ROWS):
            cursor.executemany(
                f"INSERT INTO actors_actortally ({', '.join(_COLUMNS)}) VALUES ({placeholders})",
                rows[start : start + FETCH_ROWS],
            )
