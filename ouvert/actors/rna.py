"""Import of the national association register (RNA): `rna_waldec` and `rna_import` files.

Files are read as a stream, whatever their size: each one is loaded into a staging table in
batches, checked there (duplicate numbers), then merged into the actors in one set-based upsert,
all inside one transaction per file: a file that fails leaves the database as it was before it.
Columns are found by their header name (every vintage: 39/41-column waldec, 24/26-column import);
the personal fields of the register (`adrg_*`, `dir_civilite`, `telephone`, `email`) are never
read. What a verified representative edited is never overwritten.
"""

# ruff: noqa: S608 - SQL is assembled from fixed fragments; values only travel as parameters.

import codecs
import csv
import datetime
import functools
import io
import operator
import random
import re
import time
import zipfile
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ouvert.actors.models import Actor, Commune, Department, PostalCode, search_tags
from ouvert.actors.search import (
    POSTGRESQL_INDEX,
    SQLITE_FTS_FILL,
    SQLITE_FTS_TRIGGER_NAMES,
    SQLITE_FTS_TRIGGERS,
)
from ouvert.actors.territories import name_key
from ouvert.actors.themes import is_open_government, themes_for_codes

BATCH_ROWS = 5000
# From this many new or changed rows in a file, the full-text index is rebuilt after the merge
# instead of being kept up to date row by row.
BULK_ROWS = 50_000
KEY_ATTEMPTS = 3
SNIFF_CHUNK = 1024 * 1024
RNA_ID = re.compile(r"^W[0-9A-Z]{9}$")
EMPTY_DATE = "0001-01-01"
# The Ministry's update times (`maj_time`) are French local times.
REGISTER_TIME_ZONE = zoneinfo.ZoneInfo("Europe/Paris")

# The headers of the current vintages (files of 2018 add `telephone` and `email`): for reference,
# tests and the benchmark generator; the import itself finds columns by name.
WALDEC_COLUMNS = [
    "id",
    "id_ex",
    "siret",
    "rup_mi",
    "gestion",
    "date_creat",
    "date_decla",
    "date_publi",
    "date_disso",
    "nature",
    "groupement",
    "titre",
    "titre_court",
    "objet",
    "objet_social1",
    "objet_social2",
    "adrs_complement",
    "adrs_numvoie",
    "adrs_repetition",
    "adrs_typevoie",
    "adrs_libvoie",
    "adrs_distrib",
    "adrs_codeinsee",
    "adrs_codepostal",
    "adrs_libcommune",
    "adrg_declarant",
    "adrg_complemid",
    "adrg_complemgeo",
    "adrg_libvoie",
    "adrg_distrib",
    "adrg_codepostal",
    "adrg_achemine",
    "adrg_pays",
    "dir_civilite",
    "siteweb",
    "publiweb",
    "observation",
    "position",
    "maj_time",
]
IMPORT_COLUMNS = [
    "id",
    "id_ex",
    "siret",
    "gestion",
    "date_creat",
    "date_publi",
    "nature",
    "groupement",
    "titre",
    "objet",
    "objet_social1",
    "objet_social2",
    "adr1",
    "adr2",
    "adr3",
    "adrs_codepostal",
    "libcom",
    "adrs_codeinsee",
    "dir_civilite",
    "siteweb",
    "observation",
    "position",
    "rup_mi",
    "maj_time",
]

# The columns parse_rows reads, in the order it unpacks them (rna_import names the commune
# "libcom" where waldec says "adrs_libcommune").
_PICKED_COLUMNS = (
    "id",
    "id_ex",
    "siret",
    "date_creat",
    "date_disso",
    "titre",
    "titre_court",
    "objet",
    "objet_social1",
    "objet_social2",
    "adrs_codeinsee",
    "adrs_codepostal",
    "adrs_libcommune",
    "siteweb",
    "position",
    "maj_time",
)
# Columns read, by header name; every other column (the personal ones among them) is ignored.
REQUIRED_COLUMNS = ("id", "titre")
READ_COLUMNS = frozenset({*_PICKED_COLUMNS, "libcom"})
# Never read, never stored, never shown: names, private addresses and contact details of people.
PERSONAL_COLUMNS = frozenset(
    {
        "adrg_declarant",
        "adrg_complemid",
        "adrg_complemgeo",
        "adrg_libvoie",
        "adrg_distrib",
        "adrg_codepostal",
        "adrg_achemine",
        "adrg_pays",
        "dir_civilite",
        "telephone",
        "email",
    }
)
assert not READ_COLUMNS & PERSONAL_COLUMNS


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}, ligne {self.line} : {self.message}"


@dataclass
class FileReport:
    name: str
    encoding: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    dissolved: int = 0
    errors: list[RowError] = field(default_factory=list)
    failure: str = ""  # why the whole file was refused (and nothing of it kept)
    seconds: dict[str, float] = field(default_factory=dict)  # time spent in each step


class FileRefused(Exception):
    """The file cannot be imported at all: nothing of it is written."""


# Sources -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One CSV file to import: a file on disk, or a member of a zip."""

    name: str
    size: int
    open: Callable[[], IO[bytes]]


def sources(paths: list[Path]) -> Iterator[Source]:
    """The CSV files of `paths`, zips expanded into their members, in name order."""
    for path in paths:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                members = sorted(
                    (info for info in archive.infolist() if info.filename.lower().endswith(".csv")),
                    key=lambda info: info.filename,
                )
            for info in members:
                yield Source(
                    name=f"{path.name}:{info.filename}",
                    size=info.file_size,
                    open=lambda path=path, member=info.filename: _zip_member(path, member),
                )
        else:
            yield Source(
                name=path.name, size=path.stat().st_size, open=lambda path=path: path.open("rb")
            )


def _zip_member(path: Path, member: str) -> IO[bytes]:
    archive = zipfile.ZipFile(path)
    handle = archive.open(member)
    # Close the archive with the member.
    close = handle.close

    def close_both() -> None:
        close()
        archive.close()

    handle.close = close_both  # type: ignore[method-assign]
    return handle


def sniff_encoding(source: Source) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes as such, else cp1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with source.open() as handle:
        try:
            while chunk := handle.read(SNIFF_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


class _Counting(io.RawIOBase):
    """A binary stream that counts the bytes read, for the progress bar."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.read_bytes += len(data)
        return len(data)


# Rows ----------------------------------------------------------------------------------------


class Places:
    """Finds the commune of a row: by INSEE code, else by postal code and name; offline."""

    def __init__(self) -> None:
        regions = dict(Department.objects.values_list("code", "region_id"))
        self.departments = regions
        self.communes: dict[str, tuple[str, str, float | None, float | None]] = {
            code: (department, regions[department], latitude, longitude)
            for code, department, latitude, longitude in Commune.objects.values_list(
                "code", "department_id", "latitude", "longitude"
            )
        }
        names = dict(Commune.objects.values_list("code", "name"))
        self.by_postal: dict[str, list[tuple[str, str]]] = {}
        for postal, commune in PostalCode.objects.values_list("code", "commune_id"):
            self.by_postal.setdefault(postal, []).append((commune, name_key(names[commune])))

    def find(self, insee: str, postal: str, city: str) -> tuple[str | None, str]:
        """(commune code or None, département code or "")."""
        if insee in self.communes:
            return insee, self.communes[insee][0]
        candidates = self.by_postal.get(postal, [])
        key = name_key(city)
        for commune, candidate_key in candidates:
            if key and candidate_key == key:
                return commune, self.communes[commune][0]
        if len(candidates) == 1:
            return candidates[0][0], self.communes[candidates[0][0]][0]
        departments = {self.communes[commune][0] for commune, _ in candidates}
        if len(departments) == 1:
            return None, departments.pop()
        prefix = postal[:3] if postal.startswith("97") else postal[:2]
        return None, prefix if prefix in self.departments and prefix != "20" else ""


def _date(text: str) -> str | None:
    """An ISO date as text ("0001-01-01" and anything invalid read as empty)."""
    text = text.strip()[:10]
    if not text or text == EMPTY_DATE:
        return None
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return text


def _moment(text: str, *, suffix: str) -> str | None:
    """The register's local time (Paris) as UTC text, as the database stores it."""
    text = text.strip()
    if not text or text.startswith(EMPTY_DATE):
        return None
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=REGISTER_TIME_ZONE)
    utc = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return utc.isoformat(" ") + suffix


def _website(text: str) -> str:
    text = text.strip()
    if not text or " " in text or "." not in text or len(text) > 200:
        return ""
    if text.lower().startswith(("http://", "https://")):
        return text
    return f"https://{text}"


def _clean(text: str) -> str:
    return " ".join(text.split())


STAGING_COLUMNS = (
    "line",
    "rna_id",
    "rna_former_id",
    "siret",
    "name",
    "short_name",
    "mission",
    "themes",
    "rna_objects",
    "website",
    "commune_id",
    "department_code",
    "region_code",
    "postal_code",
    "city_name",
    "latitude",
    "longitude",
    "founded_on",
    "dissolved_on",
    "is_dissolved",
    "rna_updated_at",
    "search_tags",
    "search_key",
)


def parse_rows(
    rows: Iterator[tuple[int, list[str]]],
    header: list[str],
    *,
    file: str,
    places: Places,
    errors: list[RowError],
) -> Iterator[tuple]:
    """Staging tuples (in `STAGING_COLUMNS` order) from the CSV rows; refused rows go to `errors`.

    The hot loop of the import (millions of rows): columns are picked in one C call, themes and
    tags are cached, values are written as the database reads them.
    """
    width = len(header)
    # A column the file lacks reads as the empty string appended at the end of each row.
    missing = width
    pick = operator.itemgetter(
        *[header.index(name) if name in header else missing for name in _PICKED_COLUMNS]
    )
    commune_column = "adrs_libcommune" if "adrs_libcommune" in header else "libcom"
    if commune_column == "libcom":
        pick_city = operator.itemgetter(header.index("libcom"))
    suffix = "+00:00" if connection.vendor == "postgresql" else ""
    communes, departments = places.communes, places.departments
    randbits = _keys.getrandbits

    for line, row in rows:
        if len(row) != width:
            errors.append(
                RowError(file, line, f"{len(row)} champs au lieu de {width} (ligne tronquée ?)")
            )
            continue
        row.append("")
        (
            rna_id,
            former_id,
            siret,
            created,
            dissolved_text,
            title,
            short_title,
            purpose,
            code1,
            code2,
            insee,
            postal,
            city,
            website,
            position,
            updated,
        ) = pick(row)
        if commune_column == "libcom":
            city = pick_city(row)
        rna_id = rna_id.strip().upper()
        if not RNA_ID.match(rna_id):
            errors.append(RowError(file, line, f"numéro RNA invalide : « {rna_id[:20]} »"))
            continue
        name = " ".join(title.split())
        if not name:
            errors.append(RowError(file, line, f"{rna_id} : titre vide"))
            continue
        codes = _codes(code1.strip(), code2.strip())
        themes, og = _themes(codes)
        postal = postal.strip()[:5]
        city = " ".join(city.split())[:100]
        commune, department = places.find(insee.strip(), postal, city)
        region = departments.get(department, "")
        latitude = longitude = None
        if commune:
            latitude, longitude = communes[commune][2:]
        dissolved_on = _date(dissolved_text)
        is_dissolved = dissolved_on is not None or position.strip().upper() in ("D", "S")
        yield (
            line,
            rna_id,
            former_id.strip()[:12],
            _digits(siret)[:14],
            name[:255],
            " ".join(short_title.split())[:255],
            purpose.strip(),
            themes,
            " ".join(codes)[:13],
            _website(website),
            commune,
            department,
            region,
            postal if postal.isdigit() else "",
            "" if commune else city,
            latitude,
            longitude,
            _date(created),
            dissolved_on,
            int(is_dissolved),
            _moment(updated, suffix=suffix),
            _tags(themes, og, department, region, commune or "", is_dissolved),
            randbits(62),
        )


# Search keys: uniform, not secret (see ouvert.actors.models.new_search_key).
_keys = random.Random()  # noqa: S311


@functools.lru_cache(maxsize=4096)
def _codes(first: str, second: str) -> tuple[str, ...]:
    return tuple(code for code in (first, second) if code.strip("0"))


@functools.lru_cache(maxsize=4096)
def _themes(codes: tuple[str, ...]) -> tuple[str, bool]:
    themes = themes_for_codes(*codes)
    return " ".join(themes), is_open_government(themes)


def _digits(text: str) -> str:
    return "".join(character for character in text if character.isdigit()) if text else ""


@functools.lru_cache(maxsize=200_000)
def _tags(
    themes: str, og: bool, department: str, region: str, commune: str, dissolved: bool
) -> str:
    return search_tags(
        kind=Actor.Kind.ASSOCIATION,
        themes=themes.split(),
        department_code=department,
        region_code=region,
        commune_code=commune,
        is_dissolved=dissolved,
        is_verified=False,
    )


# The database --------------------------------------------------------------------------------

_STAGING_TYPES = {
    "line": "integer",
    "latitude": "double precision",
    "longitude": "double precision",
    "founded_on": "date",
    "dissolved_on": "date",
    "is_dissolved": "boolean",
    "rna_updated_at": "timestamp with time zone",
    "search_key": "bigint",
}


def _create_staging(cursor) -> None:
    columns = ", ".join(f"{name} {_STAGING_TYPES.get(name, 'text')}" for name in STAGING_COLUMNS)
    cursor.execute("DROP TABLE IF EXISTS rna_staging")
    cursor.execute(f"CREATE TEMPORARY TABLE rna_staging ({columns})")


def _stage(cursor, rows: list[tuple]) -> None:
    if connection.vendor == "postgresql":
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY rna_staging ({', '.join(STAGING_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(STAGING_COLUMNS))
    cursor.executemany(f"INSERT INTO rna_staging VALUES ({placeholders})", rows)


def _drop_duplicates(cursor, file: str) -> list[RowError]:
    """Keep the first row of each RNA number in the file; report the others."""
    # An index sorts the numbers once; grouping then reads it in order (no sort of the wide rows).
    cursor.execute("CREATE INDEX rna_staging_id ON rna_staging (rna_id, line)")
    cursor.execute(
        "SELECT s.rna_id, s.line, d.first_line FROM ("
        "  SELECT rna_id, min(line) AS first_line FROM rna_staging GROUP BY rna_id"
        "  HAVING count(*) > 1"
        ") AS d JOIN rna_staging s ON s.rna_id = d.rna_id AND s.line <> d.first_line "
        "ORDER BY s.line"
    )
    duplicates = cursor.fetchall()
    for start in range(0, len(duplicates), 500):
        lines = [line for _, line, _ in duplicates[start : start + 500]]
        cursor.execute(
            f"DELETE FROM rna_staging WHERE line IN ({', '.join(['%s'] * len(lines))})", lines
        )
    return [
        RowError(file, line, f"{rna_id} déjà présent ligne {first} : ligne ignorée")
        for rna_id, line, first in duplicates
    ]


# Fields a representative may hold (see Actor.representative_editable) that the register also fills.
_LOCKABLE = ("name", "short_name", "mission", "themes", "website")
_FROM_REGISTER = (
    "rna_former_id",
    "siret",
    "rna_objects",
    "founded_on",
    "dissolved_on",
    "is_dissolved",
    "rna_updated_at",
)
_PLACE = (
    "commune_id",
    "department_code",
    "region_code",
    "postal_code",
    "city_name",
    "latitude",
    "longitude",
)


def _upsert(cursor) -> int:
    """Merge the staging rows into the actors; return how many rows were written."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    false = "false" if connection.vendor == "postgresql" else "0"
    inserted = (
        "name, kind, short_name, mission, themes, website, public_email, private_email, "
        "private_phone, territory, commune_id, department_code, region_code, postal_code, "
        "city_name, latitude, longitude, has_precise_position, rna_id, rna_former_id, siret, "
        "rna_objects, founded_on, dissolved_on, is_dissolved, is_verified, status, source, "
        "representative_fields, rna_updated_at, search_key, search_tags, created_at, updated_at"
    )
    selected = (
        "name, 'association', short_name, mission, themes, website, '', '', '', '', commune_id, "
        "department_code, region_code, postal_code, city_name, latitude, longitude, "
        f"{false}, rna_id, rna_former_id, siret, rna_objects, founded_on, dissolved_on, "
        f"is_dissolved, {false}, 'published', 'rna', '', rna_updated_at, search_key, search_tags, "
        "%s, %s"
    )

    def kept_unless_locked(column: str, lock: str) -> str:
        return (
            f"{column} = CASE WHEN (' ' || actors_actor.representative_fields || ' ') "
            f"LIKE '%% {lock} %%' THEN actors_actor.{column} ELSE excluded.{column} END"
        )

    updates = [kept_unless_locked(column, column) for column in _LOCKABLE]
    updates += [kept_unless_locked(column, "commune") for column in _PLACE]
    updates += [f"{column} = excluded.{column}" for column in _FROM_REGISTER]
    # Tags follow the row as merged: recomputed below for actors a representative keeps.
    updates += ["search_tags = excluded.search_tags", "updated_at = excluded.updated_at"]
    cursor.execute(
        f"INSERT INTO actors_actor ({inserted}) SELECT {selected} FROM rna_staging WHERE true "
        f"ON CONFLICT (rna_id) DO UPDATE SET {', '.join(updates)} "
        # An unchanged row (same update time at the register) is not rewritten.
        "WHERE actors_actor.rna_updated_at IS NULL OR excluded.rna_updated_at IS NULL "
        "OR actors_actor.rna_updated_at <> excluded.rna_updated_at",
        [now, now],
    )
    return cursor.rowcount


def _index_off(cursor) -> None:
    """Before a large merge: drop what is cheaper to build again than to keep up row by row
    (the full-text index and the secondary indexes of actors)."""
    if connection.vendor == "sqlite":
        for name in SQLITE_FTS_TRIGGER_NAMES:
            cursor.execute(f"DROP TRIGGER {name}")
    else:
        cursor.execute("DROP INDEX actors_actor_search_idx")
    for index in Actor._meta.indexes:
        cursor.execute(f"DROP INDEX {index.name}")


def _index_on(cursor) -> None:
    if connection.vendor == "postgresql":
        # Django's foreign keys are checked at commit; an index cannot be built over pending checks.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
    for index in Actor._meta.indexes:
        cursor.execute(f"CREATE INDEX {index.name} ON actors_actor ({', '.join(index.fields)})")
    if connection.vendor == "sqlite":
        cursor.execute("INSERT INTO actors_actor_fts(actors_actor_fts) VALUES ('delete-all')")
        cursor.execute(SQLITE_FTS_FILL)
        for statement in SQLITE_FTS_TRIGGERS:
            cursor.execute(statement)
    else:
        cursor.execute(POSTGRESQL_INDEX)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _retag_kept_actors(cursor) -> None:
    """Actors whose representative holds some fields: recompute their tags from the merged row."""
    cursor.execute(
        "SELECT id FROM actors_actor WHERE (is_verified OR representative_fields <> '') "
        "AND rna_id IN (SELECT rna_id FROM rna_staging)"
    )
    ids = [row[0] for row in cursor.fetchall()]
    for actor in Actor.objects.filter(pk__in=ids):
        actor.save(update_fields=["search_tags"])


@contextmanager
def _fast_sqlite():
    """A bigger page cache for the import on SQLite (well under the 1 GiB memory budget)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def import_source(
    source: Source,
    *,
    places: Places,
    progress: Callable[[int, int], None] | None = None,
    dry_run: bool = False,
) -> FileReport:
    """Import one CSV file in one transaction. Refused rows are reported and skipped; a file that
    cannot be read at all (wrong columns, broken quoting, unreadable bytes) changes nothing."""
    for attempt in range(KEY_ATTEMPTS):
        report = FileReport(name=source.name)
        try:
            report.encoding = sniff_encoding(source)
            _import_once(source, report, places=places, progress=progress, dry_run=dry_run)
        except FileRefused as error:
            report.failure = str(error)
        except (OSError, zipfile.BadZipFile) as error:
            report.failure = f"fichier illisible : {error}"
        except IntegrityError as error:
            # Two random search keys met (see models.SEARCH_KEY_RANGE): nothing was written;
            # the file is read again with new keys.
            if "search_key" not in str(error) or attempt == KEY_ATTEMPTS - 1:
                raise
            continue
        return report
    raise AssertionError("unreachable")


def _import_once(
    source: Source, report: FileReport, *, places: Places, progress, dry_run: bool
) -> None:
    clock = time.monotonic()

    def step(name: str) -> None:
        nonlocal clock
        now = time.monotonic()
        report.seconds[name] = round(now - clock, 1)
        clock = now

    with _fast_sqlite(), transaction.atomic(), connection.cursor() as cursor:
        _create_staging(cursor)
        _load(source, cursor, report=report, places=places, progress=progress)
        step("read")
        report.errors += _drop_duplicates(cursor, source.name)
        cursor.execute("SELECT count(*) FROM rna_staging WHERE is_dissolved")
        report.dissolved = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(a.id), count(*) - count(a.id) FROM rna_staging s "
            "LEFT JOIN actors_actor a ON a.rna_id = s.rna_id "
            "WHERE a.id IS NULL OR a.rna_updated_at IS NULL OR s.rna_updated_at IS NULL "
            "OR a.rna_updated_at <> s.rna_updated_at"
        )
        changed, new = cursor.fetchone()
        step("check")
        # Many changes at once: indexes are rebuilt in one pass rather than kept up row by row.
        bulk = changed + new >= BULK_ROWS
        if bulk:
            _index_off(cursor)
        written = _upsert(cursor)
        step("merge")
        if bulk:
            _index_on(cursor)
            step("index")
        report.created = new
        report.updated = written - new
        _retag_kept_actors(cursor)
        cursor.execute("DROP TABLE rna_staging")
        if dry_run:
            transaction.set_rollback(True)
    step("commit")


def _load(source: Source, cursor, *, report: FileReport, places: Places, progress) -> None:
    with source.open() as raw:
        counting = _Counting(raw)
        text = io.TextIOWrapper(
            io.BufferedReader(counting, 1 << 20), encoding=report.encoding, newline=""
        )
        reader = csv.reader(text, delimiter=";", quotechar='"', strict=True)
        try:
            header = [name.strip().lower() for name in next(reader)]
        except StopIteration:
            raise FileRefused("fichier vide") from None
        except csv.Error as error:
            raise FileRefused(f"ligne 1 : {error}") from error
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if missing:
            raise FileRefused(
                "colonnes manquantes : "
                + ", ".join(missing)
                + " (en-tête : "
                + ";".join(header[:8])
                + "…)"
            )

        def numbered() -> Iterator[tuple[int, list[str]]]:
            try:
                for row in reader:
                    if row:
                        yield reader.line_num, row
            except csv.Error as error:
                raise FileRefused(f"ligne {reader.line_num} : {error}") from error

        batch: list[tuple] = []
        for staged in parse_rows(
            numbered(), header, file=source.name, places=places, errors=report.errors
        ):
            batch.append(staged)
            if len(batch) >= BATCH_ROWS:
                _stage(cursor, batch)
                report.rows += len(batch)
                batch = []
                if progress:
                    progress(counting.read_bytes, source.size)
        if batch:
            _stage(cursor, batch)
            report.rows += len(batch)
        report.rows += len(report.errors)
        if progress:
            progress(source.size, source.size)


def finish_import() -> dict[str, float]:
    """After a run: recount the tallies, and compact the full-text index on SQLite; return the
    seconds each step took."""
    from ouvert.actors.tallies import tally_refresh

    started = time.monotonic()
    tally_refresh()
    seconds = {"tallies": round(time.monotonic() - started, 1)}
    started = time.monotonic()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # One segment per term list: the fastest index for searches.
            cursor.execute("INSERT INTO actors_actor_fts(actors_actor_fts) VALUES ('optimize')")
            # Statistics for the query planner, from a sample of each index (seconds, not minutes).
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE actors_actor")
    seconds["optimize"] = round(time.monotonic() - started, 1)
    return seconds
