"""Reads of editorial pages."""

from django.db.models import QuerySet

from ouvert.core.publicity import public
from ouvert.pages.models import Page


def pages_published() -> QuerySet[Page]:
    return public(Page).order_by("slug")


def page_get(*, slug: str) -> Page | None:
    return Page.objects.filter(slug=slug).first()
