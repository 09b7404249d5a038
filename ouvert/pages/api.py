import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import django_auth

from ouvert.core.api import validation_error
from ouvert.core.http import absolute_url
from ouvert.pages.models import Page
from ouvert.pages.selectors import page_get, pages_published
from ouvert.pages.services import page_update

router = Router(tags=["pages"])


class PageOut(Schema):
    id: int
    slug: str
    title: str
    title_en: str
    body: str
    body_en: str
    is_published: bool
    url: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_url(page: Page) -> str:
        return absolute_url(page.get_absolute_url())


class PageChange(Schema):
    """The fields to change; those left out keep their value."""

    title: str | None = None
    title_en: str | None = None
    body: str | None = None
    body_en: str | None = None
    is_published: bool | None = None
    message: str = ""


def _visible_page(request: HttpRequest, slug: str) -> Page:
    page = page_get(slug=slug)
    if page is None or not request.user.has_perm("pages.view_page", page):
        raise HttpError(404, "Not found")
    return page


@router.get("/", response=list[PageOut], summary="Published pages")
@paginate
def list_pages(request: HttpRequest):
    return pages_published()


@router.get("/{slug}", response=PageOut, summary="One page")
def get_page(request: HttpRequest, slug: str):
    return _visible_page(request, slug)


@router.patch(
    "/{slug}", response=PageOut, auth=django_auth, summary="Change a page (administrators)"
)
def change_page(request: HttpRequest, slug: str, payload: PageChange):
    page = _visible_page(request, slug)
    if not request.user.has_perm("pages.change_page", page):
        raise HttpError(403, "Only administrators may change pages.")
    data = payload.dict(exclude_unset=True, exclude={"message"})
    data = {name: value for name, value in data.items() if value is not None}
    try:
        return page_update(page=page, acting_user=request.user, data=data, message=payload.message)
    except ValidationError as error:
        raise validation_error(error) from error
