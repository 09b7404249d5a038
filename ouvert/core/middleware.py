"""Middleware of the site shell."""

import json
from typing import Any

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseBase


def _unstorable(value: Any) -> bool:
    """Whether a decoded JSON value holds a string no database column can take.

    That is a NUL character (PostgreSQL refuses them in text) or a lone UTF-16 surrogate, which
    JSON's escapes can spell but UTF-8 cannot encode, so neither SQLite nor PostgreSQL store it.
    """
    if isinstance(value, str):
        if "\x00" in value:
            return True
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_unstorable(key) or _unstorable(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_unstorable(item) for item in value)
    return False


def _json_body_unstorable(request: HttpRequest) -> bool:
    if request.content_type != "application/json" or not request.body:
        return False
    if b"\\u" not in request.body:
        # Strict JSON refuses raw control characters in strings and the body decodes as UTF-8,
        # which cannot hold a surrogate: both can only come spelt as \u escapes.
        return False
    try:
        return _unstorable(json.loads(request.body))
    except (ValueError, UnicodeDecodeError):
        return False  # malformed JSON: the API answers it itself


class RejectNullCharactersMiddleware:
    """Answer 400 to a URL or query string holding a NUL character, or to a JSON body holding a
    string no database can store (a NUL character or a lone surrogate).

    No valid address, search or API payload holds one: without this, a crafted query string on any
    list or API filter, or a string of an API payload, would reach the database and fail there.
    Form fields already refuse them (Django's ProhibitNullCharactersValidator).
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
        if _json_body_unstorable(request):
            return HttpResponseBadRequest(
                "NUL characters and lone surrogates are not allowed in JSON strings."
            )
        return self.get_response(request)


# The policy of a JSON answer: it is data, never a document, so it may load nothing and be framed
# nowhere, whatever a browser does with it.
JSON_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, without building the site's policy where it would not be used.

    The site's policy is assembled for each response (a nonce may be in it). A JSON answer gets the
    fixed policy above instead, and a response that carries its own policy (a sandboxed download)
    keeps it: django-csp would build the site's policy and drop it there. The vote endpoint answers
    hundreds of times a second, and building the policy was a tenth of its Python time.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None):
            return super().process_response(request, response)
        if HEADER not in response:
            if response.get("Content-Type", "").partition(";")[0] != "application/json":
                return super().process_response(request, response)
            response[HEADER] = JSON_CONTENT_SECURITY_POLICY
        return response
