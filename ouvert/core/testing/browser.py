"""Helpers for browser tests driven by Playwright on the live server."""

from django.conf import settings
from django.test import Client


def login(page, user, site_url: str) -> None:
    """Sign `user` in for the browser `page` on `site_url`, without going through the login form."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": site_url}]
    )
