import pytest
from django.urls import reverse
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from ouvert.core.opendata import registry
from ouvert.opendata.dcat import catalogue_graph
from ouvert.opendata.services import dump_create
from ouvert.plans.tests.factories import ActionPlanFactory, PhaseFactory

pytestmark = pytest.mark.django_db
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
SPDX = Namespace("http://spdx.org/rdf/terms#")

# What data.gouv.fr's DCAT harvester reads (shared/france/README.md), checked on every dataset.
DATASET_PROPERTIES = [
    DCTERMS.identifier,
    DCTERMS.title,
    DCTERMS.description,
    DCAT.keyword,
    DCTERMS.license,
    DCTERMS.conformsTo,
    DCAT.landingPage,
    DCTERMS.accrualPeriodicity,
    DCTERMS.spatial,
    DCTERMS.publisher,
    DCAT.contactPoint,
    DCAT.distribution,
]
DISTRIBUTION_PROPERTIES = [
    DCAT.downloadURL,
    DCTERMS.title,
    DCTERMS.format,
    DCAT.mediaType,
    DCAT.byteSize,
    SPDX.checksum,
    DCTERMS.license,
]


@pytest.fixture
def dumped():
    PhaseFactory(plan=ActionPlanFactory())
    dump_create()


@pytest.mark.parametrize(
    ("extension", "accept", "rdflib_format"),
    [
        ("jsonld", "application/ld+json", "json-ld"),
        ("ttl", "text/turtle", "turtle"),
        ("rdf", "application/rdf+xml", "xml"),
    ],
)
def test_the_catalogue_parses_in_every_serialisation_with_every_property(
    client, dumped, extension, accept, rdflib_format
):
    for response in (
        client.get(reverse("opendata:dcat_format", kwargs={"extension": extension})),
        client.get(reverse("opendata:dcat"), HTTP_ACCEPT=accept),
    ):
        assert response["Content-Type"].startswith(accept)
        graph = Graph().parse(data=response.content, format=rdflib_format)
        datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
        assert len(datasets) == len(registry)
        identifiers = [graph.value(node, DCTERMS.identifier) for node in datasets]
        assert len(set(identifiers)) == len(identifiers)
        for node in datasets:
            missing = [str(prop) for prop in DATASET_PROPERTIES if graph.value(node, prop) is None]
            assert not missing, (node, missing)
            schema = graph.value(node, DCTERMS.conformsTo)
            assert str(schema).endswith("/schema.json")
            for distribution in graph.objects(node, DCAT.distribution):
                missing = [
                    str(prop)
                    for prop in DISTRIBUTION_PROPERTIES
                    if graph.value(distribution, prop) is None
                ]
                assert not missing, (distribution, missing)
                checksum = graph.value(distribution, SPDX.checksum)
                assert len(str(graph.value(checksum, SPDX.checksumValue))) == 64


def test_download_urls_and_schemas_answer(client, dumped):
    graph = catalogue_graph()
    for node in graph.subjects(RDF.type, DCAT.Dataset):
        path = str(graph.value(node, DCTERMS.conformsTo)).removeprefix("http://127.0.0.1:8000")
        assert client.get(path).status_code == 200
        for distribution in graph.objects(node, DCAT.distribution):
            download = str(graph.value(distribution, DCAT.downloadURL)).removeprefix(
                "http://127.0.0.1:8000"
            )
            response = client.get(download)
            assert response.status_code == 200
            assert int(graph.value(distribution, DCAT.byteSize)) == len(
                b"".join(response.streaming_content)
            )


def test_the_catalogue_is_paginated_with_hydra():
    first = catalogue_graph(page=1, per_page=2)
    [view] = first.subjects(RDF.type, HYDRA.PartialCollectionView)
    assert int(first.value(view, HYDRA.totalItems)) == len(registry)
    assert str(first.value(view, HYDRA.next)).endswith("?page=2")
    assert first.value(view, HYDRA.previous) is None
    assert len(set(first.subjects(RDF.type, DCAT.Dataset))) == 2
    pages = -(-len(registry) // 2)
    last = catalogue_graph(page=pages, per_page=2)
    [view] = last.subjects(RDF.type, HYDRA.PartialCollectionView)
    assert last.value(view, HYDRA.next) is None
    assert str(last.value(view, HYDRA.last)).endswith(f"?page={pages}")


def test_without_a_dump_the_distributions_point_at_the_live_downloads():
    graph = catalogue_graph()
    node = next(iter(graph.subjects(RDF.type, DCAT.Dataset)))
    distribution = next(iter(graph.objects(node, DCAT.distribution)))
    assert "/telechargements/" not in str(graph.value(distribution, DCAT.downloadURL))
    assert graph.value(distribution, DCAT.byteSize) is None
    assert isinstance(graph.value(distribution, DCAT.accessURL), URIRef)
