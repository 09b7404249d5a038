"""The site shell's own pages: home, site map, change logs, errors."""

from collections.abc import Iterable

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from ouvert.core.history import describe
from ouvert.core.models import HistoryEntry
from ouvert.core.navigation import SECTIONS
from ouvert.pages.selectors import pages_published
from ouvert.plans.selectors import plan_current

CHANGE_LOG_PAGE_SIZE = 50


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"moment": plan_current()})


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    return render(request, "core/sitemap.html", {"sections": SECTIONS, "pages": pages_published()})


def render_change_log(
    request: HttpRequest,
    *,
    instance: models.Model,
    entries: Iterable[HistoryEntry],
    parents: list[tuple[str, object]],
) -> HttpResponse:
    """The public change log of one record: who changed what, and when, newest first, paginated."""
    page = Paginator(entries, CHANGE_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/change_log.html",
        {
            "instance": instance,
            "rows": describe(page.object_list),
            "page_obj": page,
            "parents": parents,
        },
    )


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    # Rendered without the request, so no context processor runs: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
