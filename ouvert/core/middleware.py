"""Middleware of the site shell."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _json_body_holds_nul(request: HttpRequest) -> bool:
    if request.content_type != "application/json":
        return False
    try:
        return _holds_nul(json.loads(request.body or b"null"))
    except (ValueError, UnicodeDecodeError):
        return False  # malformed JSON: the API answers it itself


class RejectNullCharactersMiddleware:
    """Answer 400 to a URL, query string or JSON body holding a NUL character.

    No valid address, search or API payload holds one, and PostgreSQL refuses them in text:
    without this, a crafted query string on any list or API filter, or a string of an API payload,
    would reach the database and fail there. Form fields already refuse them (Django's
    ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            return HttpResponseBadRequest("NUL characters are not allowed in addresses.")
        if _json_body_holds_nul(request):
            return HttpResponseBadRequest("NUL characters are not allowed in JSON strings.")
        return self.get_response(request)
