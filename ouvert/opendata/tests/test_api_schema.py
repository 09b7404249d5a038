"""Schemathesis drives the whole JSON API from its own OpenAPI schema, over HTTP, against the live
server on the test database: no answer may be a server error or break the schema it declares,
whatever the input (valid or not)."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.debates.tests.factories import ArgumentFactory, open_debate
from ouvert.pages.tests.factories import PageFactory
from ouvert.plans.tests.factories import CommitmentFactory, MilestoneFactory, PhaseFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_api_honours_its_openapi_schema(live_server, tmp_path):
    commitment = CommitmentFactory(reference="FR0001")
    MilestoneFactory(commitment=commitment, reference="FR0001-1")
    PhaseFactory(plan=commitment.plan)
    PageFactory(slug="mentions")
    # An open debate with a published argument, so that votes and supports are exercised too.
    ArgumentFactory(debate=open_debate())
    # A signed-in administrator and agent, so that the write operations are exercised too.
    client = Client()
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR, Role.AGENT]))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    csrf = _get_new_csrf_string()
    schemathesis = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run(  # noqa: S603 - the project's own tool and server
        [
            str(schemathesis),
            "run",
            f"{live_server.url}/api/openapi.json",
            "--checks",
            "not_a_server_error,response_schema_conformance,content_type_conformance",
            "--max-examples",
            "20",
            "--seed",
            "20261127",
            "--workers",
            "1",
            "--header",
            f"Cookie: {settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}",
            "--header",
            f"X-CSRFToken: {csrf}",
            "--report-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert "Authentication failed" not in result.stdout
    assert "Rate limited" not in result.stdout
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
