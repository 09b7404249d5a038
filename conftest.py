"""Fixtures shared by the whole suite: browser settings, the e-mail outbox, the tasks backend."""

import os
import shutil

import pytest
from django.conf import settings
from django.utils import translation

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in the test's thread; Django's ORM would refuse to run
# there, although the live server and the test share no event loop in practice.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    return (
        f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}".rstrip()
    )


@pytest.fixture(autouse=True)
def _french_by_default():
    # A request under /en/ leaves English active in the thread; each test starts in French.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (Debian: apt install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium, never a downloaded browser; the flags keep it off the closed network.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    # Playwright resolves page.goto("/compte/") against the live server.
    return live_server.url


@pytest.fixture
def site_page(page, live_server, settings):
    """A browser page on the live server that fails the test on a script error, a CSP violation
    or a missing resource (a page itself may answer 404: tests of error pages visit some)."""
    settings.OUVERT_SITE_URL = live_server.url
    problems: list[str] = []

    def on_console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console error: {message.text}")

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"{response.status} for {response.url}")

    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", on_console)
    page.on("response", on_response)

    def on_request_failed(request):
        # A request the browser itself abandons when the page navigates away (DSFR's artwork
        # images, mostly) is not a missing resource.
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"failed: {request.url} ({request.failure})")

    page.on("requestfailed", on_request_failed)
    page.set_default_timeout(10_000)
    yield page
    assert not problems, "\n".join(problems)
