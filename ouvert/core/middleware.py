"""Middleware of the site shell."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class RejectNullCharactersMiddleware:
    """Answer 400 to a URL, query string or JSON body holding a NUL character.

    No valid address, search or API payload holds one, and PostgreSQL refuses them in text:
    without this, a crafted query string on any list or API filter, or a JSON string sent to the
    API, would reach the database and fail there. Form fields already refuse them (Django's
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
        if request.content_type == "application/json" and (
            b"\\u0000" in request.body or b"\x00" in request.body
        ):
            return HttpResponseBadRequest("NUL characters are not allowed in JSON text.")
        return self.get_response(request)
