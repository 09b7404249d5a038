"""The open-data catalogue: `/donnees/`, each dataset's page, downloads and Table Schema, the key
figures and the API guide."""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from ouvert.core.http import absolute_url
from ouvert.core.opendata import Dataset, iter_csv, iter_geojson, iter_json
from ouvert.opendata import dcat
from ouvert.opendata.api import ROWS_MAX_PAGE_SIZE
from ouvert.opendata.models import Dump
from ouvert.opendata.selectors import catalogue, dataset_get, statistics

DUMP_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
}


def _dataset_or_404(slug: str) -> Dataset:
    dataset = dataset_get(slug=slug)
    if dataset is None:
        raise Http404
    return dataset


@require_GET
def catalogue_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/catalogue.html",
        {
            "entries": catalogue(),
            "licence": settings.OUVERT_OPEN_DATA_LICENCE,
            "dump": _latest_dump(),
        },
    )


@require_GET
def dataset_page(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _dataset_or_404(slug)
    return render(
        request,
        "opendata/dataset.html",
        {
            "dataset": dataset,
            "rows": dataset.count(),
            "modified": dataset.last_modified(),
            "licence": settings.OUVERT_OPEN_DATA_LICENCE,
        },
    )


@require_GET
def statistics_page(request: HttpRequest) -> HttpResponse:
    return render(request, "opendata/statistics.html", {"stats": statistics()})


def _download_name(dataset: Dataset, extension: str) -> str:
    return f"ouvert-{dataset.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"


@require_GET
def dataset_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    dataset = _dataset_or_404(slug)
    response = StreamingHttpResponse(iter_csv(dataset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(dataset, "csv")}"'
    return response


@require_GET
def dataset_json(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    dataset = _dataset_or_404(slug)
    response = StreamingHttpResponse(
        iter_json(dataset), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name(dataset, "json")}"'
    return response


@require_GET
def dataset_geojson(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    dataset = _dataset_or_404(slug)
    if dataset.point is None:
        raise Http404
    response = StreamingHttpResponse(
        iter_geojson(dataset), content_type="application/geo+json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name(dataset, "geojson")}"'
    return response


@require_GET
def dataset_schema(request: HttpRequest, slug: str) -> JsonResponse:
    dataset = _dataset_or_404(slug)
    schema = dataset.table_schema(
        homepage=absolute_url(reverse("opendata:dataset", kwargs={"slug": slug})),
        path=absolute_url(reverse("opendata:schema", kwargs={"slug": slug})),
    )
    return JsonResponse(schema, json_dumps_params={"ensure_ascii": False, "indent": 2})


def _rate_label(rate: str) -> str:
    """ "120/min" as "120 requêtes par minute"."""
    count, period = rate.split("/")
    unit = {"s": _("seconde"), "m": _("minute"), "h": _("heure"), "d": _("jour")}[period[0]]
    return _("%(count)s requêtes par %(unit)s") % {"count": count, "unit": unit}


@dataclass(frozen=True)
class WriteOperation:
    """A write operation of the API, as the guide lists it (a test holds it to the OpenAPI schema)."""

    method: str
    path: str
    action: str | Promise
    who: str | Promise


# The writes of public agents, moderators and administrators on the public record.
AGENT_OPERATIONS = (
    WriteOperation(
        "POST",
        "/api/commitments/{reference}/updates",
        gettext_lazy("Publier un point d'avancement d'un engagement (et l'état d'un jalon)"),
        gettext_lazy(
            "Agents publics de l'institution responsable ou d'une institution partenaire ; administrateurs"
        ),
    ),
    WriteOperation(
        "PUT",
        "/api/proposals/{pk}/answer",
        gettext_lazy("Répondre publiquement à une proposition, ou modifier sa réponse"),
        gettext_lazy("Agents publics ; administrateurs"),
    ),
    WriteOperation(
        "POST",
        "/api/conversations/{slug}/statements/{number}/moderation",
        gettext_lazy("Accepter ou écarter une proposition d'une conversation"),
        gettext_lazy("Modérateurs et agents publics ; administrateurs"),
    ),
    WriteOperation(
        "PATCH",
        "/api/pages/{slug}",
        gettext_lazy("Modifier une page éditoriale"),
        gettext_lazy("Administrateurs"),
    ),
)
# The writes anyone signed in makes on their own behalf (and the conversations' anonymous ones).
PARTICIPANT_OPERATIONS = (
    WriteOperation(
        "POST",
        "/api/events/{slug}/registration",
        gettext_lazy("S'inscrire à un événement (ou sur sa liste d'attente)"),
        gettext_lazy("Toute personne connectée"),
    ),
    WriteOperation(
        "DELETE",
        "/api/events/{slug}/registration",
        gettext_lazy("Annuler son inscription"),
        gettext_lazy("Toute personne connectée"),
    ),
    WriteOperation(
        "POST",
        "/api/proposals/",
        gettext_lazy("Soumettre une proposition (publiée après modération)"),
        gettext_lazy("Toute personne connectée"),
    ),
    WriteOperation(
        "PUT",
        "/api/proposals/{pk}/support",
        gettext_lazy("Soutenir une proposition"),
        gettext_lazy("Toute personne connectée"),
    ),
    WriteOperation(
        "DELETE",
        "/api/proposals/{pk}/support",
        gettext_lazy("Retirer son soutien"),
        gettext_lazy("Toute personne connectée"),
    ),
    WriteOperation(
        "PUT",
        "/api/debates/{pk}/vote",
        gettext_lazy("Voter dans un débat ouvert, ou changer son vote"),
        gettext_lazy("Toute personne connectée"),
    ),
    WriteOperation(
        "PUT",
        "/api/debates/{pk}/arguments/{argument_id}/support",
        gettext_lazy("Soutenir un argument"),
        gettext_lazy("Toute personne connectée"),
    ),
    WriteOperation(
        "DELETE",
        "/api/debates/{pk}/arguments/{argument_id}/support",
        gettext_lazy("Retirer son soutien à un argument"),
        gettext_lazy("Toute personne connectée"),
    ),
    WriteOperation(
        "POST",
        "/api/conversations/{slug}/votes",
        gettext_lazy("Voter sur une proposition d'une conversation"),
        gettext_lazy("Toute personne, avec ou sans compte selon la conversation"),
    ),
    WriteOperation(
        "POST",
        "/api/conversations/{slug}/statements",
        gettext_lazy("Proposer une proposition dans une conversation"),
        gettext_lazy("Toute personne, avec ou sans compte selon la conversation"),
    ),
)
# The guide's tables: a caption, then its operations.
OPERATION_GROUPS = (
    (
        gettext_lazy("Écritures des agents publics, des modérateurs et des administrateurs"),
        AGENT_OPERATIONS,
    ),
    (gettext_lazy("Écritures des participants, en leur propre nom"), PARTICIPANT_OPERATIONS),
)


@require_GET
def api_documentation(request: HttpRequest) -> HttpResponse:
    """The API guide: every limit it states is read from the settings that enforce it."""
    rates = settings.NINJA_DEFAULT_THROTTLE_RATES
    login = settings.OUVERT_LOGIN_THROTTLE
    return render(
        request,
        "opendata/api.html",
        {
            "anon_rate": _rate_label(rates["anon"]),
            "auth_rate": _rate_label(rates["auth"]),
            "page_size": settings.NINJA_PAGINATION_PER_PAGE,
            "max_page_size": settings.NINJA_MAX_PER_PAGE_SIZE,
            "rows_max_page_size": ROWS_MAX_PAGE_SIZE,
            "new_participants": settings.OUVERT_CONVERSATION_NEW_PARTICIPANTS_PER_MINUTE,
            "login_per_email": login["per_email"],
            "login_per_ip": login["per_ip"],
            "login_window_minutes": max(1, round(login["window_seconds"] / 60)),
            "session_days": max(1, round(settings.SESSION_COOKIE_AGE / 86400)),
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "site_url": settings.OUVERT_SITE_URL.rstrip("/"),
            "operation_groups": OPERATION_GROUPS,
            "licence": settings.OUVERT_OPEN_DATA_LICENCE,
        },
    )


def _latest_dump() -> Dump | None:
    return Dump.objects.complete().order_by("-completed_at").first()


@require_GET
def dump_file(request: HttpRequest, slug: str, fmt: str) -> FileResponse:
    """One dataset as written by the latest complete dump (what the DCAT catalogue describes)."""
    dump = _latest_dump()
    item = dump.files.filter(dataset=slug, format=fmt).first() if dump else None
    if item is None:
        raise Http404
    return _stored_file(item.path, f"ouvert-{slug}.{fmt}", DUMP_CONTENT_TYPES[fmt])


@require_GET
def dump_archive(request: HttpRequest) -> FileResponse:
    dump = _latest_dump()
    if dump is None:
        raise Http404
    return _stored_file(
        dump.archive, f"ouvert-donnees-{dump.completed_at:%Y-%m-%d}.zip", "application/zip"
    )


def _stored_file(path: str, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(default_storage.open(path, "rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = content_type
    return response


def _serialisation(request: HttpRequest, extension: str | None) -> tuple[str, str]:
    if extension:
        return dcat.SERIALISATIONS[extension]
    accept = request.headers.get("Accept", "")
    for fmt, content_type in dcat.SERIALISATIONS.values():
        if content_type in accept:
            return fmt, content_type
    return dcat.SERIALISATIONS["jsonld"]


@require_GET
def dcat_catalogue(request: HttpRequest, extension: str | None = None) -> HttpResponse:
    """The DCAT catalogue, by content negotiation (Accept) or by extension (.jsonld, .ttl, .rdf)."""
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    fmt, content_type = _serialisation(request, extension)
    graph = dcat.catalogue_graph(page=page)
    response = HttpResponse(
        graph.serialize(format=fmt), content_type=f"{content_type}; charset=utf-8"
    )
    response["Vary"] = "Accept"
    return response
