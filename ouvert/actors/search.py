"""Full-text search of actors on SQLite (FTS5) and PostgreSQL (tsvector), at the scale of the RNA.

Three ideas keep a search of 2.3 million actors under a few tens of milliseconds:

- Filters are words of the index (`Actor.search_tags`: "d33", "tenvironment", "sactive"...), so
  the index intersects its own lists instead of reading rows one by one.
- Every actor has a random `search_key`, and the index is keyed by it: the first N matches in key
  order are a uniform random sample of all matches. Ranking reads only the first
  `RANK_WINDOW` matches (bounded ranking), and facet counts and map clusters of a large result are
  read from the first `SAMPLE_SIZE` matches and scaled, marked as estimates.
- Without words, counts come from the per-commune tallies (`ActorTally`), never from the actors.

This module speaks SQL; `ouvert.actors.selectors` turns its answers into what pages show.
"""

# ruff: noqa: S608 - SQL is assembled from fixed fragments; what users type only travels as parameters.

import re
import unicodedata
from dataclasses import dataclass, fields
from typing import Any

from django.db import connection

from ouvert.actors.models import SEARCH_KEY_RANGE

RANK_WINDOW = 500
SAMPLE_SIZE = 5000
MAX_WORDS = 8

# Words too common to search for: every second name holds one of them.
STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "ou",
        "par",
        "pour",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "un",
        "une",
    ]
)


@dataclass(frozen=True)
class ActorFilters:
    """What a search asks for; every field is optional and they combine with AND."""

    text: str = ""
    kind: str = ""
    theme: str = ""
    open_government: bool = False
    region: str = ""
    department: str = ""
    commune: str = ""
    situation: str = ""  # "active", "dissolved" or "" for both
    verified: str = ""  # "yes", "no" or ""

    def words(self) -> list[str]:
        return search_words(self.text)

    def tags(self) -> list[str]:
        """The index tokens that the filters require (see `ouvert.actors.models.search_tags`)."""
        tags = []
        if self.kind:
            tags.append(f"k{self.kind.replace('_', '')}")
        if self.theme:
            tags.append(f"t{self.theme}")
        if self.open_government:
            tags.append("ogov")
        if self.commune:
            tags.append(f"c{self.commune.lower()}")
        elif self.department:
            tags.append(f"d{self.department.lower()}")
        elif self.region:
            tags.append(f"r{self.region}")
        if self.situation in ("active", "dissolved"):
            tags.append(f"s{self.situation}")
        if self.verified in ("yes", "no"):
            tags.append(f"v{self.verified}")
        return [tag for tag in tags if re.fullmatch(r"[a-z0-9]+", tag)]

    @property
    def is_empty(self) -> bool:
        return not self.words() and not self.tags()

    def as_dict(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


def search_words(text: str) -> list[str]:
    """The words of a query, without accents, case or common words (at most `MAX_WORDS`)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = [word for word in re.findall(r"[a-z0-9]+", plain) if word not in STOP_WORDS]
    return list(dict.fromkeys(words))[:MAX_WORDS]


@dataclass(frozen=True)
class MatchRow:
    """The columns of a matching actor that facets and the map need."""

    commune: str | None
    department: str
    region: str
    kind: str
    themes: str
    tags: str
    is_dissolved: bool
    is_verified: bool
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class Sample:
    """The first matches in key order: all of them when `complete`, else a uniform sample."""

    rows: list[MatchRow]
    total: int
    total_is_estimate: bool

    @property
    def complete(self) -> bool:
        return len(self.rows) >= self.total

    @property
    def scale(self) -> float:
        return self.total / len(self.rows) if self.rows else 0.0


_SAMPLE_COLUMNS = (
    "a.commune_id, a.department_code, a.region_code, a.kind, a.themes, a.search_tags, "
    "a.is_dissolved, a.is_verified, a.latitude, a.longitude"
)


def _match_row(row: tuple) -> MatchRow:
    return MatchRow(
        commune=row[0],
        department=row[1],
        region=row[2],
        kind=row[3],
        themes=row[4],
        tags=row[5],
        is_dissolved=bool(row[6]),
        is_verified=bool(row[7]),
        latitude=row[8],
        longitude=row[9],
    )


class SqliteEngine:
    """FTS5 with an external-content index keyed by `search_key` (migration actors 0003)."""

    @staticmethod
    def match_expression(filters: ActorFilters) -> str:
        parts = []
        words = filters.words()
        if words:
            # Words of 3 letters or more match as prefixes: "environ" finds "environnement(al)".
            terms = " AND ".join(f'"{word}"*' if len(word) >= 3 else f'"{word}"' for word in words)
            parts.append(f"{{name short_name mission}} : ({terms})")
        tags = filters.tags()
        if tags:
            parts.append("search_tags : (" + " AND ".join(f'"{tag}"' for tag in tags) + ")")
        return " AND ".join(parts)

    def keys_sql(self, filters: ActorFilters) -> tuple[str, list]:
        """A subquery of the search keys of every match."""
        return (
            "SELECT rowid FROM actors_actor_fts WHERE actors_actor_fts MATCH %s",
            [self.match_expression(filters)],
        )

    def count(self, filters: ActorFilters) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM actors_actor_fts WHERE actors_actor_fts MATCH %s",
                [self.match_expression(filters)],
            )
            return cursor.fetchone()[0]

    def page_keys(self, filters: ActorFilters, *, offset: int, limit: int) -> list[int]:
        expression = self.match_expression(filters)
        with connection.cursor() as cursor:
            if filters.words():
                window = max(RANK_WINDOW, offset + limit)
                # bm25 weights: name and short name count ten times the mission; tags nothing.
                cursor.execute(
                    "SELECT rowid FROM ("
                    "  SELECT rowid, bm25(actors_actor_fts, 10.0, 10.0, 1.0, 0.0) AS score"
                    "  FROM actors_actor_fts WHERE actors_actor_fts MATCH %s LIMIT %s"
                    ") ORDER BY score, rowid LIMIT %s OFFSET %s",
                    [expression, window, limit, offset],
                )
            else:
                cursor.execute(
                    "SELECT rowid FROM actors_actor_fts WHERE actors_actor_fts MATCH %s "
                    "LIMIT %s OFFSET %s",
                    [expression, limit, offset],
                )
            return [row[0] for row in cursor.fetchall()]

    def sample(self, filters: ActorFilters, size: int | None = None) -> Sample:
        size = size or SAMPLE_SIZE
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {_SAMPLE_COLUMNS} FROM ("
                "  SELECT rowid FROM actors_actor_fts WHERE actors_actor_fts MATCH %s LIMIT %s"
                ") AS f JOIN actors_actor a ON a.search_key = f.rowid",
                [self.match_expression(filters), size],
            )
            rows = [_match_row(row) for row in cursor.fetchall()]
        if len(rows) < size:
            return Sample(rows, len(rows), total_is_estimate=False)
        # Counting is cheap in FTS5 (it only walks the index): the total stays exact.
        return Sample(rows, self.count(filters), total_is_estimate=False)


class PostgresEngine:
    """A French tsvector (unaccented, stemmed) with GIN (migration actors 0003)."""

    @staticmethod
    def _query(filters: ActorFilters) -> tuple[str, list[str]]:
        """SQL for a tsquery, and its parameters."""
        parts, params = [], []
        words = filters.words()
        if words:
            # Weights A and B are the name and the mission; tags carry the default weight D.
            parts.append("to_tsquery('ouvert_french', %s)")
            params.append(
                " & ".join(f"{word}:*AB" if len(word) >= 3 else f"{word}:AB" for word in words)
            )
        tags = filters.tags()
        if tags:
            parts.append("to_tsquery('simple', %s)")
            params.append(" & ".join(tags))
        return " && ".join(parts), params

    def keys_sql(self, filters: ActorFilters) -> tuple[str, list]:
        """A subquery of the search keys of every match."""
        query, params = self._query(filters)
        return f"SELECT search_key FROM actors_actor WHERE search_vector @@ ({query})", params

    def count(self, filters: ActorFilters) -> int:
        query, params = self._query(filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM actors_actor WHERE search_vector @@ ({query})", params
            )
            return cursor.fetchone()[0]

    def page_keys(self, filters: ActorFilters, *, offset: int, limit: int) -> list[int]:
        query, params = self._query(filters)
        with connection.cursor() as cursor:
            if filters.words():
                window = max(RANK_WINDOW, offset + limit)
                cursor.execute(
                    "SELECT search_key FROM ("
                    f"  SELECT search_key, ts_rank(search_vector, {query}, 1) AS score"
                    f"  FROM actors_actor WHERE search_vector @@ ({query})"
                    "  ORDER BY search_key LIMIT %s"
                    ") AS w ORDER BY score DESC, search_key LIMIT %s OFFSET %s",
                    [*params, *params, window, limit, offset],
                )
            else:
                cursor.execute(
                    f"SELECT search_key FROM actors_actor WHERE search_vector @@ ({query}) "
                    "ORDER BY search_key LIMIT %s OFFSET %s",
                    [*params, limit, offset],
                )
            return [row[0] for row in cursor.fetchall()]

    def sample(self, filters: ActorFilters, size: int | None = None) -> Sample:
        size = size or SAMPLE_SIZE
        query, params = self._query(filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {_SAMPLE_COLUMNS}, a.search_key FROM actors_actor a "
                f"WHERE a.search_vector @@ ({query}) ORDER BY a.search_key LIMIT %s",
                [*params, size],
            )
            fetched = cursor.fetchall()
        rows = [_match_row(row) for row in fetched]
        if len(rows) < size:
            return Sample(rows, len(rows), total_is_estimate=False)
        # Counting every match would visit every row: keys are uniform over [0, RANGE), so the
        # first `size` matches span a fraction last_key / RANGE of them (order statistics).
        last_key = fetched[-1][-1]
        total = round(size * SEARCH_KEY_RANGE / (last_key + 1))
        return Sample(rows, max(total, size), total_is_estimate=True)


def engine() -> SqliteEngine | PostgresEngine:
    if connection.vendor == "postgresql":
        return PostgresEngine()
    if connection.vendor == "sqlite":
        return SqliteEngine()
    raise NotImplementedError(f"No actor search for {connection.vendor}.")
