"""The open-data catalogue: `/donnees/`, each dataset's page, downloads and Table Schema."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ouvert.core.http import absolute_url
from ouvert.core.opendata import Dataset, iter_csv, iter_geojson, iter_json
from ouvert.opendata.selectors import catalogue, dataset_get


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
        {"entries": catalogue(), "licence": settings.OUVERT_OPEN_DATA_LICENCE},
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


@require_GET
def api_documentation(request: HttpRequest) -> HttpResponse:
    rates = settings.NINJA_DEFAULT_THROTTLE_RATES
    return render(
        request,
        "opendata/api.html",
        {
            "anon_rate": _rate_label(rates["anon"]),
            "auth_rate": _rate_label(rates["auth"]),
            "page_size": settings.NINJA_PAGINATION_PER_PAGE,
        },
    )
