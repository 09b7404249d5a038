"""Reads of the open-data catalogue (the registry is filled by each app's `datasets.py`)."""

import datetime
from dataclasses import dataclass

from ouvert.core.opendata import Dataset, registry


@dataclass(frozen=True)
class CatalogueEntry:
    dataset: Dataset
    rows: int
    modified: datetime.datetime | None


def catalogue() -> list[CatalogueEntry]:
    """Every registered dataset with its row count and last change (two queries per dataset)."""
    return [
        CatalogueEntry(dataset=dataset, rows=dataset.count(), modified=dataset.last_modified())
        for dataset in registry
    ]


def dataset_get(*, slug: str) -> Dataset | None:
    return registry.get(slug)
