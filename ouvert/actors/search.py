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

from ouvert.actors.models import SEARCH_KEY_RANGE, Actor

_COLUMNS = "name, short_name, mission, search_tags"
_OLD = "old.search_key, old.name, old.short_name, old.mission, old.search_tags"
_NEW = "new.search_key, new.name, new.short_name, new.mission, new.search_tags"
# SQLite: an FTS5 index over actors_actor, keyed by `search_key`, of published actors only (pending
# and refused ones never come out of a search), kept in step by triggers.
SQLITE_FTS_TABLE = f"""
    CREATE VIRTUAL TABLE actors_actor_fts USING fts5(
        {_COLUMNS},
        content='actors_actor', content_rowid='search_key',
        tokenize='unicode61 remove_diacritics 2'
    )
"""
SQLITE_FTS_TRIGGERS = (
    f"""
    CREATE TRIGGER actors_actor_fts_insert AFTER INSERT ON actors_actor BEGIN
        INSERT INTO actors_actor_fts(rowid, {_COLUMNS})
        SELECT {_NEW} WHERE new.status = 'published';
    END
    """,
    f"""
    CREATE TRIGGER actors_actor_fts_delete AFTER DELETE ON actors_actor BEGIN
        INSERT INTO actors_actor_fts(actors_actor_fts, rowid, {_COLUMNS})
        SELECT 'delete', {_OLD} WHERE old.status = 'published';
    END
    """,
    f"""
    CREATE TRIGGER actors_actor_fts_update
    AFTER UPDATE OF name, short_name, mission, search_tags, search_key, status ON actors_actor
    BEGIN
        INSERT INTO actors_actor_fts(actors_actor_fts, rowid, {_COLUMNS})
        SELECT 'delete', {_OLD} WHERE old.status = 'published';
        INSERT INTO actors_actor_fts(rowid, {_COLUMNS})
        SELECT {_NEW} WHERE new.status = 'published';
    END
    """,
)
SQLITE_FTS_TRIGGER_NAMES = (
    "actors_actor_fts_insert",
    "actors_actor_fts_delete",
    "actors_actor_fts_update",
)
# Filled in key order: FTS5 writes a new segment whenever a key comes out of order.
SQLITE_FTS_FILL = f"""
    INSERT INTO actors_actor_fts(rowid, {_COLUMNS})
    SELECT search_key, {_COLUMNS} FROM actors_actor WHERE status = 'published' ORDER BY search_key
"""
# PostgreSQL: the generated column search_vector (migration 0003), and its GIN index.
POSTGRESQL_INDEX = "CREATE INDEX actors_actor_search_idx ON actors_actor USING gin (search_vector)"

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
    """What facets and the map need of a matching actor, read back from its search tags."""

    commune: str | None
    department: str
    region: str
    kind: str
    themes: str
    is_open_government: bool
    is_dissolved: bool
    is_verified: bool

    @classmethod
    def from_tags(cls, tags: str) -> "MatchRow":
        values = {"c": None, "d": "", "r": "", "k": ""}
        themes = []
        words = tags.split()
        for word in words:
            head, rest = word[0], word[1:]
            if head == "t":
                themes.append(rest)
            elif head in values and word != OPEN_GOVERNMENT_TAG:
                values[head] = rest.upper() if head in "cd" else rest
        return cls(
            commune=values["c"],
            department=values["d"],
            region=values["r"],
            kind=KIND_OF_TAG.get(values["k"], values["k"]),
            themes=" ".join(themes),
            is_open_government=OPEN_GOVERNMENT_TAG in words,
            is_dissolved="sdissolved" in tags,
            is_verified="vyes" in tags,
        )


OPEN_GOVERNMENT_TAG = "ogov"
# Tags drop the underscore of kinds ("kthinktank"): the way back.
KIND_OF_TAG = {kind.replace("_", ""): kind for kind in Actor.Kind.values}


@dataclass(frozen=True)
class Sample:
    """The first matches in key order: all of them when `complete`, else a uniform sample.

    `keys` are in ascending order; a bounded ranking reads the matches up to `keys[n]`.
    """

    keys: list[int]
    rows: list[MatchRow]
    total: int
    total_is_estimate: bool

    @property
    def complete(self) -> bool:
        return len(self.rows) >= self.total

    @property
    def scale(self) -> float:
        return self.total / len(self.rows) if self.rows else 0.0

    def key_bound(self, matches: int) -> int | None:
        """The key of the `matches`-th match, or None when the sample does not reach it."""
        return self.keys[matches - 1] if len(self.keys) >= matches and not self.complete else None


def _sample(fetched: list[tuple[int, str]], size: int) -> Sample:
    """A sample from (key, tags) rows in key order. When the sample is full, the total is
    estimated from the last key: keys are uniform over [0, RANGE), so `size` matches span a
    fraction last_key / RANGE of all of them (order statistics); error about 1/sqrt(size)."""
    keys = [key for key, _tags in fetched]
    rows = [MatchRow.from_tags(tags) for _key, tags in fetched]
    if len(rows) < size:
        return Sample(keys, rows, len(rows), total_is_estimate=False)
    total = round(size * SEARCH_KEY_RANGE / (keys[-1] + 1))
    return Sample(keys, rows, max(total, size), total_is_estimate=True)


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

    def sample(self, filters: ActorFilters, size: int | None = None) -> Sample:
        size = size or SAMPLE_SIZE
        # The tags are read from the index actors_actor_sample_idx (search_key, search_tags):
        # one probe per match, never the wide row.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.search_key, a.search_tags FROM ("
                "  SELECT rowid FROM actors_actor_fts WHERE actors_actor_fts MATCH %s LIMIT %s"
                ") AS f CROSS JOIN actors_actor a INDEXED BY actors_actor_sample_idx "
                "ON a.search_key = f.rowid ORDER BY a.search_key",
                [self.match_expression(filters), size],
            )
            return _sample(cursor.fetchall(), size)

    def page_keys(
        self, filters: ActorFilters, *, offset: int, limit: int, sample: Sample | None = None
    ) -> list[int]:
        expression = self.match_expression(filters)
        with connection.cursor() as cursor:
            if filters.words():
                window = max(RANK_WINDOW, offset + limit)
                bound = sample.key_bound(window) if sample else None
                # bm25 weights: name and short name count ten times the mission; tags nothing.
                # Only the first `window` matches are ranked: those up to the window's last key.
                if bound is not None:
                    ranked = (
                        "SELECT rowid, bm25(actors_actor_fts, 10.0, 10.0, 1.0, 0.0) AS score "
                        "FROM actors_actor_fts WHERE actors_actor_fts MATCH %s AND rowid <= %s"
                    )
                    params = [expression, bound]
                else:
                    ranked = (
                        "SELECT rowid, bm25(actors_actor_fts, 10.0, 10.0, 1.0, 0.0) AS score "
                        "FROM actors_actor_fts WHERE actors_actor_fts MATCH %s LIMIT %s"
                    )
                    params = [expression, window]
                cursor.execute(
                    f"SELECT rowid FROM ({ranked}) ORDER BY score, rowid LIMIT %s OFFSET %s",
                    [*params, limit, offset],
                )
            else:
                cursor.execute(
                    "SELECT rowid FROM actors_actor_fts WHERE actors_actor_fts MATCH %s "
                    "LIMIT %s OFFSET %s",
                    [expression, limit, offset],
                )
            return [row[0] for row in cursor.fetchall()]


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

    def sample(self, filters: ActorFilters, size: int | None = None) -> Sample:
        size = size or SAMPLE_SIZE
        query, params = self._query(filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT search_key, search_tags FROM actors_actor "
                f"WHERE search_vector @@ ({query}) ORDER BY search_key LIMIT %s",
                [*params, size],
            )
            return _sample(cursor.fetchall(), size)

    def page_keys(
        self, filters: ActorFilters, *, offset: int, limit: int, sample: Sample | None = None
    ) -> list[int]:
        query, params = self._query(filters)
        with connection.cursor() as cursor:
            if filters.words():
                window = max(RANK_WINDOW, offset + limit)
                bound = sample.key_bound(window) if sample else None
                limit_window = "AND search_key <= %s" if bound is not None else ""
                cursor.execute(
                    "SELECT search_key FROM ("
                    f"  SELECT search_key, ts_rank(search_vector, {query}, 1) AS score"
                    f"  FROM actors_actor WHERE search_vector @@ ({query}) {limit_window}"
                    "  ORDER BY search_key LIMIT %s"
                    ") AS w ORDER BY score DESC, search_key LIMIT %s OFFSET %s",
                    [
                        *params,
                        *params,
                        *([bound] if bound is not None else []),
                        window,
                        limit,
                        offset,
                    ],
                )
            else:
                cursor.execute(
                    f"SELECT search_key FROM actors_actor WHERE search_vector @@ ({query}) "
                    "ORDER BY search_key LIMIT %s OFFSET %s",
                    [*params, limit, offset],
                )
            return [row[0] for row in cursor.fetchall()]


def engine() -> SqliteEngine | PostgresEngine:
    if connection.vendor == "postgresql":
        return PostgresEngine()
    if connection.vendor == "sqlite":
        return SqliteEngine()
    raise NotImplementedError(f"No actor search for {connection.vendor}.")
