"""Full-text search of actors on SQLite (FTS5) and PostgreSQL (tsvector), at the scale of the RNA.

Four ideas keep a search of 2.3 million actors within a few tens of milliseconds:

- Filters are words of the index (`Actor.search_tags`: "d33", "tenvironment", "sactive"...), so
  the index intersects its own lists instead of reading rows one by one.
- Every actor has a random `search_key`, and the SQLite index is keyed by it: the first N matches
  in key order are a uniform random sample of all matches. Facet counts and map clusters of a
  large result are read from the first `SAMPLE_SIZE` matches and scaled, marked as estimates.
  PostgreSQL, whose GIN index has no order, samples the table's pages instead.
- Ranking never scores every match: actors whose name holds the words come first, then the
  others, each group in key order (see `Engine.page_keys`). Words match whole, singular or plural
  (prefix queries cost tens of milliseconds on common words in FTS5).
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

SAMPLE_SIZE = 2000
# PostgreSQL samples results of more than ORDERED_SAMPLE_LIMIT matches from 1 % of the table's
# pages (at least 200 matches from a result that large).
ORDERED_SAMPLE_LIMIT = 20_000
PAGE_SAMPLE_PERCENT = 1.0
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


def word_forms(word: str) -> list[str]:
    """A word and its singular or plural ("eleve", "eleves"; "jeux", "jeu")."""
    if len(word) > 3 and word[-1] in "sx":
        return [word, word[:-1]]
    if len(word) > 2 and not word.isdigit():
        return [word, f"{word}s"]
    return [word]


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
    """The first matches in key order: all of them when `complete`, else a uniform sample."""

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


class Engine:
    """What both engines share: the order of results.

    With words, actors whose name holds them come first, then the others, each group in key
    order (a random but stable order, fair to every actor): a bounded ranking that never scores
    every match. Without words, key order.
    """

    def keys(self, filters: ActorFilters, *, part: str, limit: int, offset: int) -> list[int]:
        """Keys of matches in key order; `part` is "all", "name" (words in the name) or
        "others" (words elsewhere only)."""
        raise NotImplementedError

    def count_part(self, filters: ActorFilters, *, part: str) -> int:
        raise NotImplementedError

    def page_keys(self, filters: ActorFilters, *, offset: int, limit: int) -> list[int]:
        if not filters.words():
            return self.keys(filters, part="all", limit=limit, offset=offset)
        found = self.keys(filters, part="name", limit=limit, offset=offset)
        if len(found) == limit:
            return found
        # The name matches end on this page (or before it): the others follow them.
        names = (
            offset + len(found) if found or offset == 0 else self.count_part(filters, part="name")
        )
        rest_offset = max(0, offset - names)
        return found + self.keys(
            filters, part="others", limit=limit - len(found), offset=rest_offset
        )


class SqliteEngine(Engine):
    """FTS5 with an external-content index keyed by `search_key` (migration actors 0003)."""

    @staticmethod
    def match_expression(filters: ActorFilters, part: str = "all") -> str:
        parts = []
        words = filters.words()
        if words:
            # Whole words, singular or plural. Not prefixes: FTS5 gathers every word of a prefix
            # into one list before reading it, which costs tens of milliseconds on common words.
            terms = " AND ".join(
                "(" + " OR ".join(f'"{form}"' for form in word_forms(word)) + ")" for word in words
            )
            columns = "{name short_name}" if part == "name" else "{name short_name mission}"
            parts.append(f"{columns} : ({terms})")
        tags = filters.tags()
        if tags:
            parts.append("search_tags : (" + " AND ".join(f'"{tag}"' for tag in tags) + ")")
        expression = " AND ".join(parts)
        if part == "others" and words:
            expression = f"({expression}) NOT {{name short_name}} : ({terms})"
        return expression

    def keys_sql(self, filters: ActorFilters) -> tuple[str, list]:
        """A subquery of the search keys of every match."""
        return (
            "SELECT rowid FROM actors_actor_fts WHERE actors_actor_fts MATCH %s",
            [self.match_expression(filters)],
        )

    def count_part(self, filters: ActorFilters, *, part: str = "all") -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM actors_actor_fts WHERE actors_actor_fts MATCH %s",
                [self.match_expression(filters, part)],
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

    def keys(self, filters: ActorFilters, *, part: str, limit: int, offset: int) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM actors_actor_fts WHERE actors_actor_fts MATCH %s "
                "LIMIT %s OFFSET %s",
                [self.match_expression(filters, part), limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]


class PostgresEngine(Engine):
    """A French tsvector (unaccented, stemmed) with GIN (migration actors 0003)."""

    @staticmethod
    def _query(filters: ActorFilters, part: str = "all") -> tuple[str, list[str]]:
        """SQL for a tsquery, and its parameters."""
        parts, params = [], []
        words = filters.words()
        if words:
            # The French stemmer folds plurals and endings on both sides. Weight A is the name,
            # B the mission; tags carry the default weight D.
            weights = "A" if part == "name" else "AB"
            parts.append("to_tsquery('ouvert_french', %s)")
            params.append(" & ".join(f"{word}:{weights}" for word in words))
        tags = filters.tags()
        if tags:
            parts.append("to_tsquery('simple', %s)")
            params.append(" & ".join(tags))
        return " && ".join(parts), params

    def _where(self, filters: ActorFilters, part: str) -> tuple[str, list[str]]:
        query, params = self._query(filters, "name" if part == "name" else "all")
        where = f"search_vector @@ ({query})"
        if part == "others" and filters.words():
            name_query, name_params = self._query(filters, "name")
            where += f" AND NOT search_vector @@ ({name_query})"
            params = [*params, *name_params]
        return where, params

    def keys_sql(self, filters: ActorFilters) -> tuple[str, list]:
        """A subquery of the search keys of every match."""
        where, params = self._where(filters, "all")
        return f"SELECT search_key FROM actors_actor WHERE {where}", params

    def count_part(self, filters: ActorFilters, *, part: str = "all") -> int:
        where, params = self._where(filters, part)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM actors_actor WHERE {where}", params)
            return cursor.fetchone()[0]

    def sample(self, filters: ActorFilters, size: int | None = None) -> Sample:
        """Up to `ORDERED_SAMPLE_LIMIT` matches: the first `size` in key order (exact total).
        More: the matches on a sample of the table's pages (TABLESAMPLE), scaled. PostgreSQL has
        no order of matches to read a uniform sample from (a GIN index is not ordered), and
        sorting every match by key would visit every matching row."""
        size = size or SAMPLE_SIZE
        where, params = self._where(filters, "all")
        with connection.cursor() as cursor:
            # Counting reads the index and the visibility map, not the rows (capped).
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM actors_actor WHERE {where} LIMIT %s) AS m",
                [*params, ORDERED_SAMPLE_LIMIT + 1],
            )
            (count,) = cursor.fetchone()
            if count <= ORDERED_SAMPLE_LIMIT:
                cursor.execute(
                    f"SELECT search_key, search_tags FROM actors_actor WHERE {where} "
                    "ORDER BY search_key LIMIT %s",
                    [*params, size],
                )
                sample = _sample(cursor.fetchall(), size)
                return Sample(sample.keys, sample.rows, count, total_is_estimate=False)
            cursor.execute(
                "SELECT search_key, search_tags FROM actors_actor "
                f"TABLESAMPLE SYSTEM (%s) REPEATABLE (0) WHERE {where}",
                [PAGE_SAMPLE_PERCENT, *params],
            )
            fetched = sorted(cursor.fetchall())
        rows = [MatchRow.from_tags(tags) for _key, tags in fetched]
        total = max(round(len(rows) * 100 / PAGE_SAMPLE_PERCENT), ORDERED_SAMPLE_LIMIT + 1)
        return Sample([key for key, _tags in fetched], rows, total, total_is_estimate=True)

    def keys(self, filters: ActorFilters, *, part: str, limit: int, offset: int) -> list[int]:
        where, params = self._where(filters, part)
        with connection.cursor() as cursor:
            # No ORDER BY: sorting would visit every matching row. The bitmap scan of the GIN
            # index returns matches in the table's storage order, the same from page to page.
            cursor.execute(
                f"SELECT search_key FROM actors_actor WHERE {where} LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]


def engine() -> SqliteEngine | PostgresEngine:
    if connection.vendor == "postgresql":
        return PostgresEngine()
    if connection.vendor == "sqlite":
        return SqliteEngine()
    raise NotImplementedError(f"No actor search for {connection.vendor}.")
