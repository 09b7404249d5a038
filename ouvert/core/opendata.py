"""The open-data registry: every app declares here the public datasets it publishes.

A dataset is a named, documented table: its fields (name, Table Schema type, description) and the
selector that yields its public rows. `/donnees/` lists the registry, serves each dataset as CSV and
JSON (streamed: rows are read from the database in chunks and written as they come) and publishes its
Frictionless Table Schema and data dictionary. Declare datasets in `<app>/datasets.py`; the core app
imports those modules at start-up.

Only public rows may reach a dataset: the selector is responsible for that, and the tests of each app
check it. A `ComputedDataset` publishes figures computed from public rows (the statistics) rather
than the rows of a table; downloads, the API, the DCAT catalogue and the dump read it alike.
"""

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise

TABLE_SCHEMA_TYPES = {
    "string",
    "integer",
    "number",
    "boolean",
    "date",
    "datetime",
    "year",
    "object",
}
CHUNK_ROWS = 2000


@dataclass(frozen=True)
class Field:
    """One column of a dataset, described as in a Frictionless Table Schema."""

    name: str
    type: str
    title: str | Promise
    description: str | Promise
    source: str | None = None  # the ORM lookup that yields the value; defaults to `name`
    transform: Callable[[Any], Any] | None = None  # applied to the value read from the database
    # Computes the value from the model instance (many-to-many names, properties): a dataset with
    # such a field reads instances (with the prefetches its selector sets) rather than value tuples.
    getter: Callable[[Any], Any] | None = None
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()
    format: str | None = None
    example: str | None = None

    def __post_init__(self) -> None:
        if self.type not in TABLE_SCHEMA_TYPES:
            raise ValueError(f"{self.name}: unknown Table Schema type {self.type!r}")

    @property
    def lookup(self) -> str:
        return self.source or self.name

    def table_schema(self) -> dict[str, Any]:
        descriptor: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "title": force_str(self.title),
            "description": force_str(self.description),
        }
        if self.format:
            descriptor["format"] = self.format
        if self.example is not None:
            descriptor["example"] = self.example
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor


@dataclass(frozen=True)
class Dataset:
    """A public dataset: what it holds, its fields, and where its public rows come from."""

    slug: str
    title: str | Promise
    description: str | Promise
    fields: tuple[Field, ...]
    queryset: Callable[[], QuerySet]  # a selector returning the public rows, in a stable order
    keywords: tuple[str | Promise, ...] = ()
    primary_key: str = "id"
    modified_field: str | None = "updated_at"
    schema_version: str = "1.0.0"
    extra: dict[str, Any] = field(default_factory=dict)
    # The names of the latitude and longitude fields of a dataset of places: it is then also
    # published as GeoJSON, one Point feature per row.
    point: tuple[str, str] | None = None

    @property
    def formats(self) -> tuple[str, ...]:
        """The download formats of the dataset (GeoJSON too for a dataset of places)."""
        return ("csv", "json", "geojson") if self.point else ("csv", "json")

    @property
    def field_names(self) -> list[str]:
        return [column.name for column in self.fields]

    def count(self, filters: dict[str, Any] | None = None) -> int:
        return self.filtered(filters).count()

    def filtered(self, filters: dict[str, Any] | None = None) -> QuerySet:
        """The public rows whose fields equal the given values ({field name: value})."""
        rows = self.queryset()
        if filters:
            by_name = {column.name: column for column in self.fields}
            rows = rows.filter(**{by_name[name].lookup: value for name, value in filters.items()})
        return rows

    def parse_filters(self, raw: dict[str, str]) -> dict[str, Any]:
        """Typed filter values from query-string ones; raises ValueError naming the culprit.

        Only stored fields filter (not computed ones): their values are what the database holds.
        """
        by_name = {column.name: column for column in self.fields}
        parsed: dict[str, Any] = {}
        for name, text in raw.items():
            column = by_name.get(name)
            if column is None:
                raise ValueError(f"unknown field {name!r}")
            if column.getter is not None or column.transform is not None:
                raise ValueError(f"{name!r} is computed and cannot filter")
            parsed[name] = _parse(column.type, text, name)
        return parsed

    def last_modified(self) -> datetime.datetime | None:
        if not self.modified_field:
            return None
        return self.queryset().aggregate(last=Max(self.modified_field))["last"]

    def rows(
        self, offset: int = 0, limit: int | None = None, filters: dict[str, Any] | None = None
    ) -> Iterator[tuple[Any, ...]]:
        """Public rows as tuples in field order (what every download, the API and the dump read)."""
        yield from self._read(offset, limit, filters)

    def _read(
        self, offset: int, limit: int | None, filters: dict[str, Any] | None
    ) -> Iterator[tuple[Any, ...]]:
        """The rows read from the database in chunks."""
        if any(column.getter for column in self.fields):
            yield from self._instance_rows(offset, limit, filters)
            return
        yield from field_rows(self.filtered(filters), self.fields, offset, limit)

    def _instance_rows(
        self, offset: int, limit: int | None, filters: dict[str, Any] | None
    ) -> Iterator[tuple[Any, ...]]:
        instances = self.filtered(filters)
        if limit is not None:
            instances = instances[offset : offset + limit]
        for instance in instances.iterator(chunk_size=CHUNK_ROWS):
            yield tuple(self._value(column, instance) for column in self.fields)

    @staticmethod
    def _value(column: Field, instance: Any) -> Any:
        if column.getter is not None:
            return column.getter(instance)
        value = instance
        for part in column.lookup.split("__"):
            value = getattr(value, part, None) if value is not None else None
        return column.transform(value) if column.transform else value

    def records(
        self, offset: int = 0, limit: int | None = None, filters: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """A slice of rows as JSON-ready objects keyed by field name (for the API)."""
        names = self.field_names
        return [
            {name: json_value(value) for name, value in zip(names, row, strict=True)}
            for row in self.rows(offset, limit, filters)
        ]

    def table_schema(self, *, homepage: str = "", path: str = "") -> dict[str, Any]:
        from django.conf import settings

        licence = settings.OUVERT_OPEN_DATA_LICENCE
        schema: dict[str, Any] = {
            "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
            "name": self.slug,
            "title": force_str(self.title),
            "description": force_str(self.description),
            "version": self.schema_version,
            "countryCode": "FR",
            "keywords": [force_str(keyword) for keyword in self.keywords],
            "licenses": [
                {"name": licence["spdx"], "title": licence["title"], "path": licence["url"]}
            ],
            "fields": [column.table_schema() for column in self.fields],
            "primaryKey": self.primary_key,
            "missingValues": [""],
        }
        if homepage:
            schema["homepage"] = homepage
        if path:
            schema["path"] = path
        return schema


@dataclass(frozen=True, kw_only=True)
class ComputedDataset(Dataset):
    """A dataset whose rows are computed rather than read from a table: figures, aggregates.

    `compute` returns every row as a tuple in field order, from a constant number of queries; the
    rows are few (a row per figure), so they are filtered and sliced in memory. The figures are
    computed on each read, so the dataset's last change is the moment of the read.
    """

    queryset: None = None
    compute: Callable[[], Iterable[tuple[Any, ...]]]
    modified_field: str | None = None

    def filtered(self, filters: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """The rows whose fields equal the given (typed) values ({field name: value})."""
        rows = list(self.compute())
        if not filters:
            return rows
        positions = {name: position for position, name in enumerate(self.field_names)}
        return [
            row
            for row in rows
            if all(_equals(row[positions[name]], value) for name, value in filters.items())
        ]

    def count(self, filters: dict[str, Any] | None = None) -> int:
        return len(self.filtered(filters))

    def last_modified(self) -> datetime.datetime | None:
        return timezone.now()

    def _read(
        self, offset: int, limit: int | None, filters: dict[str, Any] | None
    ) -> Iterator[tuple[Any, ...]]:
        rows = self.filtered(filters)
        yield from rows[offset : offset + limit] if limit is not None else rows[offset:]


def _equals(value: Any, wanted: Any) -> bool:
    """Whether a computed value equals a filter value read with its field's type (a float and
    the Decimal a query string gives compare by their decimal writing)."""
    if isinstance(value, float) and isinstance(wanted, Decimal):
        return Decimal(str(value)) == wanted
    return value == wanted


def field_rows(
    queryset: QuerySet, fields: tuple[Field, ...], offset: int = 0, limit: int | None = None
) -> Iterator[tuple[Any, ...]]:
    """The rows of `queryset` as tuples of `fields`, read from the database in chunks.

    Datasets use it on their public rows; an app may use it on a narrower queryset (the actors
    of one search) or with more fields (an export for agents).
    """
    lookups = list(dict.fromkeys(column.lookup for column in fields))
    positions = [lookups.index(column.lookup) for column in fields]
    transforms = [column.transform for column in fields]
    values = queryset.values_list(*lookups)
    if limit is not None:
        values = values[offset : offset + limit]
    for row in values.iterator(chunk_size=CHUNK_ROWS):
        yield tuple(
            transform(row[position]) if transform else row[position]
            for transform, position in zip(transforms, positions, strict=True)
        )


def _parse(kind: str, text: str, name: str) -> Any:
    try:
        if kind == "integer":
            value = int(text)
            if abs(value) > 2**63 - 1:
                raise ValueError
            return value
        if kind == "number":
            return Decimal(text)
        if kind == "boolean":
            return {"true": True, "false": False}[text.lower()]
        if kind == "date":
            return datetime.date.fromisoformat(text)
        if kind == "datetime":
            return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, KeyError, ArithmeticError) as error:
        raise ValueError(f"{name!r}: {text!r} is not a valid {kind}") from error
    return text


class DatasetRegistry:
    def __init__(self) -> None:
        self._datasets: dict[str, Dataset] = {}

    def register(self, dataset: Dataset) -> Dataset:
        if dataset.slug in self._datasets:
            raise ValueError(f"A dataset named {dataset.slug!r} is already registered.")
        if dataset.primary_key not in dataset.field_names:
            raise ValueError(f"{dataset.slug}: the primary key must be one of the fields.")
        if dataset.point and not set(dataset.point) <= set(dataset.field_names):
            raise ValueError(f"{dataset.slug}: the point must name two of the fields.")
        self._datasets[dataset.slug] = dataset
        return dataset

    def get(self, slug: str) -> Dataset | None:
        return self._datasets.get(slug)

    def __iter__(self) -> Iterator[Dataset]:
        return iter(self._datasets.values())

    def __len__(self) -> int:
        return len(self._datasets)


registry = DatasetRegistry()


# Serialisation -----------------------------------------------------------------------------------


def _utc(value: datetime.datetime) -> str:
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def csv_line(values: tuple[Any, ...]) -> str:
    """One CSV line (with its newline) for a row of values."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([csv_value(value) for value in values])
    return buffer.getvalue()


def csv_value(value: Any) -> str:
    """A value as Table Schema's default formats read it in CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return _utc(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return _utc(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Promise):
        return force_str(value)
    return value


def iter_records(dataset: Dataset) -> Iterator[dict[str, Any]]:
    names = dataset.field_names
    for row in dataset.rows():
        yield {name: json_value(value) for name, value in zip(names, row, strict=True)}


def iter_csv(dataset: Dataset, buffer_size: int = 64 * 1024) -> Iterator[str]:
    """The dataset as CSV text, in pieces of about `buffer_size` characters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(dataset.field_names)
    for row in dataset.rows():
        writer.writerow([csv_value(value) for value in row])
        if buffer.tell() >= buffer_size:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_array(
    opening: str, items: Iterator[Any], closing: str, buffer_size: int
) -> Iterator[str]:
    """`opening`, the items as JSON separated by commas, then `closing`, in pieces of about
    `buffer_size` characters."""
    pieces = [opening]
    size = len(opening)
    separator = "\n"
    for item in items:
        piece = separator + json.dumps(item, ensure_ascii=False)
        pieces.append(piece)
        size += len(piece)
        separator = ",\n"
        if size >= buffer_size:
            yield "".join(pieces)
            pieces, size = [], 0
    pieces.append(closing)
    yield "".join(pieces)


def iter_json(dataset: Dataset, buffer_size: int = 64 * 1024) -> Iterator[str]:
    """The dataset as a JSON array of objects, in pieces of about `buffer_size` characters."""
    return _json_array("[", iter_records(dataset), "\n]\n", buffer_size)


def iter_geojson(dataset: Dataset, buffer_size: int = 64 * 1024) -> Iterator[str]:
    """A dataset of places as a GeoJSON FeatureCollection: rows with a point become Point features
    (the other fields are their properties); rows without one are left out."""
    if dataset.point is None:
        raise ValueError(f"{dataset.slug} has no point fields.")

    features = (geojson_feature(dataset, record) for record in iter_records(dataset))
    return _json_array(
        '{"type": "FeatureCollection", "features": [',
        (feature for feature in features if feature is not None),
        "\n]}\n",
        buffer_size,
    )


def geojson_feature(dataset: Dataset, record: dict[str, Any]) -> dict[str, Any] | None:
    """A record of a dataset of places as a GeoJSON Point feature, or None without a point."""
    latitude_name, longitude_name = dataset.point
    properties = dict(record)
    latitude, longitude = properties.pop(latitude_name), properties.pop(longitude_name)
    if latitude is None or longitude is None:
        return None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": properties,
    }
