import datetime
import json
from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import timezone

from ouvert.core.opendata import (
    ComputedDataset,
    Dataset,
    DatasetRegistry,
    Field,
    csv_value,
    iter_csv,
    iter_json,
    json_value,
)
from ouvert.core.publicity import public
from ouvert.pages.models import Page
from ouvert.pages.tests.factories import PageFactory


def _pages_dataset(**overrides) -> Dataset:
    values = {
        "slug": "essai",
        "title": "Essai",
        "description": "Un jeu de données d'essai.",
        "queryset": lambda: public(Page).order_by("pk"),
        "fields": (
            Field("id", "integer", "Id", "Identifiant", required=True),
            Field("title", "string", "Titre", "Titre"),
            Field(
                "shout",
                "string",
                "Cri",
                "Le titre en capitales",
                source="title",
                transform=str.upper,
            ),
            Field("is_published", "boolean", "Publiée", "Publiée ?"),
            Field("updated_at", "datetime", "Mise à jour", "Date"),
        ),
    }
    return Dataset(**{**values, **overrides})


def test_a_field_must_have_a_table_schema_type():
    with pytest.raises(ValueError, match="unknown Table Schema type"):
        Field("x", "text", "X", "X")


def test_the_registry_refuses_duplicates_and_a_missing_primary_key():
    registry = DatasetRegistry()
    registry.register(_pages_dataset())
    with pytest.raises(ValueError, match="already registered"):
        registry.register(_pages_dataset())
    with pytest.raises(ValueError, match="primary key"):
        registry.register(_pages_dataset(slug="autre", primary_key="slug"))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (datetime.date(2021, 9, 15), "2021-09-15"),
        (
            datetime.datetime(2021, 9, 15, 12, 30, 5, 123, tzinfo=datetime.UTC),
            "2021-09-15T12:30:05Z",
        ),
        (Decimal("1.50"), "1.50"),
        (["a", "b"], '["a", "b"]'),
    ],
)
def test_csv_values_follow_table_schema_default_formats(value, text):
    assert csv_value(value) == text


def test_json_values():
    paris = datetime.datetime(2021, 9, 15, 14, 0, tzinfo=timezone.get_fixed_timezone(120))
    assert json_value(paris) == "2021-09-15T12:00:00Z"
    assert json_value(Decimal("2.5")) == 2.5


@pytest.mark.django_db
def test_rows_follow_the_fields_with_sources_and_transforms_and_only_public_rows():
    PageFactory(title="publiée")
    PageFactory(title="cachée", is_published=False)
    dataset = _pages_dataset()
    baseline = public(Page).count() - 1  # the legal pages are there from migrations
    rows = list(dataset.rows())
    assert len(rows) == baseline + 1
    assert ("publiée", "PUBLIÉE", True) in [row[1:4] for row in rows]
    assert all(row[1] != "cachée" for row in rows)
    assert dataset.records(offset=0, limit=1)[0].keys() == {
        "id",
        "title",
        "shout",
        "is_published",
        "updated_at",
    }


@pytest.mark.django_db
def test_csv_and_json_stream_in_pieces_and_parse_back():
    PageFactory.create_batch(30, body="x" * 200)
    dataset = _pages_dataset()
    pieces = list(iter_csv(dataset, buffer_size=512))
    assert len(pieces) > 3
    lines = "".join(pieces).splitlines()
    assert lines[0] == "id,title,shout,is_published,updated_at"
    assert len(lines) == dataset.count() + 1

    json_pieces = list(iter_json(dataset, buffer_size=512))
    assert len(json_pieces) > 3
    records = json.loads("".join(json_pieces))
    assert len(records) == dataset.count()
    assert records[0]["updated_at"].endswith("Z")


@pytest.mark.django_db
def test_an_empty_dataset_is_still_valid_json_and_csv():
    dataset = _pages_dataset(queryset=lambda: Page.objects.none())
    assert json.loads("".join(iter_json(dataset))) == []
    assert "".join(iter_csv(dataset)) == "id,title,shout,is_published,updated_at\n"
    assert dataset.last_modified() is None


def test_table_schema_describes_every_field():
    schema = _pages_dataset().table_schema(homepage="https://exemple.fr/donnees/essai/")
    assert schema["name"] == "essai"
    assert schema["primaryKey"] == "id"
    assert [field["name"] for field in schema["fields"]] == [
        "id",
        "title",
        "shout",
        "is_published",
        "updated_at",
    ]
    assert schema["fields"][0]["constraints"] == {"required": True}
    assert schema["licenses"][0]["name"] == "etalab-2.0"


def _figures_dataset(rows: list[tuple]) -> ComputedDataset:
    return ComputedDataset(
        slug="chiffres",
        title="Chiffres",
        description="Des chiffres calculés.",
        compute=lambda: iter(rows),
        fields=(
            Field("id", "string", "Id", "Identifiant", required=True),
            Field("indicator", "string", "Indicateur", "Code"),
            Field("value", "number", "Valeur", "Valeur"),
        ),
    )


def test_a_computed_dataset_filters_counts_and_pages_its_rows_in_memory():
    figures = _figures_dataset(
        [("a", "votes", 3), ("b", "votes", 66.7), ("c", "billets", 3), ("d", "billets", 0)]
    )
    assert figures.count() == 4
    assert list(figures.rows(offset=1, limit=2)) == [("b", "votes", 66.7), ("c", "billets", 3)]
    assert list(figures.rows(offset=3)) == [("d", "billets", 0)]
    # Filters are read with the fields' types, as the API reads a query string.
    votes = figures.parse_filters({"indicator": "votes"})
    assert figures.count(votes) == 2
    assert figures.records(filters=figures.parse_filters({"value": "66.7"})) == [
        {"id": "b", "indicator": "votes", "value": 66.7}
    ]
    assert [row[0] for row in figures.rows(filters=figures.parse_filters({"value": "3.0"}))] == [
        "a",
        "c",
    ]
    with pytest.raises(ValueError, match="not a valid number"):
        figures.parse_filters({"value": "trois"})


def test_a_computed_dataset_is_computed_at_each_read_and_serialises_like_any_other():
    reads = []

    def compute():
        reads.append(timezone.now())
        return [("a", "votes", 3)]

    figures = replace(_figures_dataset([]), compute=compute)
    before = timezone.now()
    assert figures.last_modified() >= before
    assert "".join(iter_csv(figures)) == "id,indicator,value\na,votes,3\n"
    assert json.loads("".join(iter_json(figures))) == [
        {"id": "a", "indicator": "votes", "value": 3}
    ]
    assert len(reads) == 2
    assert DatasetRegistry().register(figures) is figures
