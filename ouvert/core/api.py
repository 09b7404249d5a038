"""Pieces shared by the API routers."""

from django.core.exceptions import ValidationError
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
