from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ouvert.core.selectors import history_for_object
from ouvert.core.views import render_change_log
from ouvert.pages.models import Page
from ouvert.pages.selectors import page_get


def _visible_page(request: HttpRequest, slug: str) -> Page:
    page = page_get(slug=slug)
    if page is None or not request.user.has_perm("pages.view_page", page):
        raise Http404
    return page


@require_GET
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = _visible_page(request, slug)
    return render(request, "pages/page_detail.html", {"page": page})


@require_GET
def page_history(request: HttpRequest, slug: str) -> HttpResponse:
    page = _visible_page(request, slug)
    return render_change_log(
        request,
        instance=page,
        entries=history_for_object(page),
        parents=[(page.get_absolute_url(), page)],
    )
