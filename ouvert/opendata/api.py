import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field as PydanticField

from ouvert.core.api import MAX_PAGE
from ouvert.core.http import absolute_url
from ouvert.core.opendata import Dataset
from ouvert.opendata.selectors import catalogue, dataset_get

router = Router(tags=["datasets"])
# The largest page of a dataset's rows: rows are narrow, and a page is read in one go.
ROWS_MAX_PAGE_SIZE = 1000


class DatasetOut(Schema):
    slug: str
    title: str
    description: str
    rows: int
    modified: datetime.datetime | None
    csv: str
    json_url: str = PydanticField(alias="json")
    schema_url: str
    page: str


def _describe(dataset: Dataset, rows: int, modified) -> dict[str, Any]:
    def url(name: str) -> str:
        return absolute_url(reverse(f"opendata:{name}", kwargs={"slug": dataset.slug}))

    return {
        "slug": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "rows": rows,
        "modified": modified,
        "csv": url("csv"),
        "json": url("json"),
        "schema_url": url("schema"),
        "page": url("dataset"),
    }


class RowsPage(Schema):
    count: int
    items: list[dict[str, Any]]


class RowsQuery(Schema):
    page: int = PydanticField(1, ge=1, le=MAX_PAGE)
    page_size: int = PydanticField(100, ge=1, le=ROWS_MAX_PAGE_SIZE)


@router.get("/", response=list[DatasetOut], summary="The open-data catalogue", by_alias=True)
def list_datasets(request: HttpRequest):
    return [_describe(entry.dataset, entry.rows, entry.modified) for entry in catalogue()]


def _dataset(slug: str) -> Dataset:
    dataset = dataset_get(slug=slug)
    if dataset is None:
        raise HttpError(404, "Not found")
    return dataset


@router.get("/{slug}", response=DatasetOut, summary="One dataset", by_alias=True)
def get_dataset(request: HttpRequest, slug: str):
    dataset = _dataset(slug)
    return _describe(dataset, dataset.count(), dataset.last_modified())


@router.get(
    "/{slug}/rows",
    response=RowsPage,
    summary="The rows of a dataset, page by page",
    description=(
        "Any stored field of the dataset filters the rows by equality: `?plan=2021-2023&kind=forums`. "
        "Values are read with the field's Table Schema type (integers, `true`/`false`, ISO dates)."
    ),
)
def dataset_rows(request: HttpRequest, slug: str, query: Query[RowsQuery]):
    dataset = _dataset(slug)
    raw = {name: value for name, value in request.GET.items() if name not in {"page", "page_size"}}
    try:
        filters = dataset.parse_filters(raw)
    except ValueError as error:
        raise HttpError(422, str(error)) from error
    offset = (query.page - 1) * query.page_size
    return {
        "count": dataset.count(filters),
        "items": dataset.records(offset=offset, limit=query.page_size, filters=filters),
    }
