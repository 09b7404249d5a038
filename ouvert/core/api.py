"""Pieces shared by the API routers."""

from django.core.exceptions import ValidationError
from ninja import Field, Schema
from ninja import pagination as ninja_pagination
from ninja.errors import HttpError


def validation_error(error: ValidationError) -> HttpError:
    """A model validation error as a 422 answer that names the fields at fault."""
    if hasattr(error, "message_dict"):
        detail = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    else:
        detail = " ".join(error.messages)
    return HttpError(422, detail)


# Beyond this page, an offset would overflow the databases' 64-bit integers long before any list
# has that many rows: the API refuses it with a 422 like any other invalid parameter.
MAX_PAGE = 10_000_000
# The largest primary key the databases hold (signed 64-bit), for identifiers taken from a query.
MAX_ID = 2**63 - 1


class PageNumberPagination(ninja_pagination.PageNumberPagination):
    """Ninja's page-number pagination (`page`, `page_size`), with the page number bounded."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)
