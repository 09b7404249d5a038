"""Reads of the open-data app: the catalogue of the registry, and the key figures."""

from ouvert.opendata.selectors.catalogue import CatalogueEntry, catalogue, dataset_get
from ouvert.opendata.selectors.statistics import (
    Figure,
    Indicator,
    Scope,
    Statistics,
    Unit,
    statistics,
)

__all__ = [
    "CatalogueEntry",
    "Figure",
    "Indicator",
    "Scope",
    "Statistics",
    "Unit",
    "catalogue",
    "dataset_get",
    "statistics",
]
