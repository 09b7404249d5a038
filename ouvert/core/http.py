"""Small request helpers."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address; behind `OUVERT_NUM_PROXIES` reverse proxies, read from X-Forwarded-For."""
    proxies = getattr(settings, "OUVERT_NUM_PROXIES", 0)
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def absolute_url(path: str) -> str:
    """An absolute address on this site, for e-mails and feeds (from OUVERT_SITE_URL, never the Host header)."""
    return settings.OUVERT_SITE_URL.rstrip("/") + path
