"""The DCAT catalogue of the platform's datasets, as data.gouv.fr's harvester reads it.

Built with rdflib and served in JSON-LD, Turtle and RDF/XML, paginated with Hydra. Each dataset's
identifier is its page's address, stable for as long as the dataset exists; its distributions are
the files of the latest complete dump (with their size and SHA-256), and the live downloads.
"""

import math

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from ouvert.core.http import absolute_url
from ouvert.core.opendata import Dataset, registry
from ouvert.opendata.models import Dump, DumpFile

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
MEDIA_TYPES = {
    "csv": ("CSV", "https://www.iana.org/assignments/media-types/text/csv"),
    "json": ("JSON", "https://www.iana.org/assignments/media-types/application/json"),
    "geojson": ("GeoJSON", "https://www.iana.org/assignments/media-types/application/geo+json"),
}
FRANCE = URIRef("http://publications.europa.eu/resource/authority/country/FRA")
DAILY = URIRef("http://publications.europa.eu/resource/authority/frequency/DAILY")
PER_PAGE = 50
CATALOGUE_TITLE = _("Données ouvertes du gouvernement ouvert")
CATALOGUE_DESCRIPTION = _(
    "Les jeux de données publics de la plateforme du plan d'action national pour un gouvernement "
    "ouvert : plans, engagements, avancement, acteurs, participation."
)
SERIALISATIONS = {
    "jsonld": ("json-ld", "application/ld+json"),
    "ttl": ("turtle", "text/turtle"),
    "rdf": ("xml", "application/rdf+xml"),
}


def _url(name: str, **kwargs) -> URIRef:
    with translation.override(settings.LANGUAGE_CODE):
        return URIRef(absolute_url(reverse(name, kwargs=kwargs)))


def _texts(graph: Graph, subject, predicate, value) -> None:
    """The same (lazy, translatable) text in each language of the site."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            graph.add((subject, predicate, Literal(force_str(value), lang=code)))


def _organisation(graph: Graph) -> tuple[BNode, BNode]:
    publisher = BNode()
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal(settings.OUVERT_PUBLISHER)))
    contact = BNode()
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(settings.OUVERT_PUBLISHER)))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.OUVERT_CONTACT_EMAIL}")))
    return publisher, contact


def _distribution(
    graph: Graph, dataset_node, dataset: Dataset, fmt: str, dump_file: DumpFile | None
) -> None:
    licence = URIRef(settings.OUVERT_OPEN_DATA_LICENCE["url"])
    label, media_type = MEDIA_TYPES[fmt]
    node = URIRef(f"{_url('opendata:dataset', slug=dataset.slug)}#{fmt}")
    graph.add((dataset_node, DCAT.distribution, node))
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCTERMS.title, Literal(f"{dataset.slug}.{fmt}")))
    graph.add((node, DCTERMS.format, Literal(label)))
    graph.add((node, DCAT.mediaType, URIRef(media_type)))
    graph.add((node, DCTERMS.license, licence))
    graph.add((node, DCAT.accessURL, _url(f"opendata:{fmt}", slug=dataset.slug)))
    if dump_file is None:
        graph.add((node, DCAT.downloadURL, _url(f"opendata:{fmt}", slug=dataset.slug)))
        return
    graph.add((node, DCAT.downloadURL, _url("opendata:dump_file", slug=dataset.slug, fmt=fmt)))
    graph.add((node, DCAT.byteSize, Literal(dump_file.size, datatype=XSD.nonNegativeInteger)))
    graph.add((node, DCTERMS.issued, Literal(dump_file.dump.completed_at, datatype=XSD.dateTime)))
    checksum = BNode()
    graph.add((node, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(dump_file.sha256, datatype=XSD.hexBinary)))


def catalogue_graph(*, page: int = 1, per_page: int = PER_PAGE) -> Graph:
    """The catalogue's page `page` (from 1): the catalogue, its datasets and the Hydra paging."""
    graph = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("hydra", HYDRA),
        ("spdx", SPDX),
        ("vcard", VCARD),
    ):
        graph.bind(prefix, namespace)
    datasets = list(registry)
    pages = max(1, math.ceil(len(datasets) / per_page))
    page = min(max(page, 1), pages)
    catalogue = _url("opendata:dcat")
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    _texts(graph, catalogue, DCTERMS.title, CATALOGUE_TITLE)
    _texts(graph, catalogue, DCTERMS.description, CATALOGUE_DESCRIPTION)
    graph.add((catalogue, FOAF.homepage, _url("opendata:catalogue")))
    graph.add((catalogue, DCTERMS.language, Literal(settings.LANGUAGE_CODE)))
    graph.add((catalogue, DCTERMS.license, URIRef(settings.OUVERT_OPEN_DATA_LICENCE["url"])))
    publisher, contact = _organisation(graph)
    graph.add((catalogue, DCTERMS.publisher, publisher))

    view = URIRef(f"{catalogue}?page={page}")
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((view, HYDRA.totalItems, Literal(len(datasets), datatype=XSD.integer)))
    graph.add((view, HYDRA.itemsPerPage, Literal(per_page, datatype=XSD.integer)))
    graph.add((view, HYDRA.first, URIRef(f"{catalogue}?page=1")))
    graph.add((view, HYDRA.last, URIRef(f"{catalogue}?page={pages}")))
    if page > 1:
        graph.add((view, HYDRA.previous, URIRef(f"{catalogue}?page={page - 1}")))
    if page < pages:
        graph.add((view, HYDRA.next, URIRef(f"{catalogue}?page={page + 1}")))

    dump = Dump.objects.complete().order_by("-completed_at").first()
    dump_files = (
        {(item.dataset, item.format): item for item in dump.files.select_related("dump")}
        if dump
        else {}
    )
    licence = URIRef(settings.OUVERT_OPEN_DATA_LICENCE["url"])
    for dataset in datasets[(page - 1) * per_page : page * per_page]:
        landing = _url("opendata:dataset", slug=dataset.slug)
        node = URIRef(f"{landing}#dataset")
        graph.add((catalogue, DCAT.dataset, node))
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCTERMS.identifier, Literal(str(landing))))
        _texts(graph, node, DCTERMS.title, dataset.title)
        _texts(graph, node, DCTERMS.description, dataset.description)
        for keyword in dataset.keywords:
            graph.add(
                (node, DCAT.keyword, Literal(force_str(keyword), lang=settings.LANGUAGE_CODE))
            )
        graph.add((node, DCTERMS.license, licence))
        graph.add((node, DCTERMS.conformsTo, _url("opendata:schema", slug=dataset.slug)))
        graph.add((node, DCAT.landingPage, landing))
        graph.add((node, DCTERMS.accrualPeriodicity, DAILY))
        graph.add((node, DCTERMS.spatial, FRANCE))
        graph.add((node, DCTERMS.publisher, publisher))
        graph.add((node, DCAT.contactPoint, contact))
        modified = dataset.last_modified()
        if modified is not None:
            graph.add((node, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
        for fmt in dataset.formats:
            _distribution(graph, node, dataset, fmt, dump_files.get((dataset.slug, fmt)))
    return graph
