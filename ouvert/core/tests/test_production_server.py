"""The production server line of the README, run as written: granian serving the site under the
production settings (on its own SQLite file: the line is what is tested, not the database)."""

import os
import re
import shlex
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest

from ouvert.core.testing.production import (
    free_port,
    production_environment,
    wait_until_listening,
)

ROOT = Path(__file__).resolve().parents[3]
GRANIAN = Path(sys.executable).parent / "granian"

pytestmark = pytest.mark.skipif(not GRANIAN.exists(), reason="granian is not installed")


def _readme_command(port: int) -> list[str]:
    """The README's granian command, its continuation lines joined, on `port`."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(".venv/bin/granian "))
    command = ""
    for line in lines[start:]:
        code = line.split("#", 1)[0].rstrip()
        command += code.removesuffix("\\") + " "
        if not code.endswith("\\"):
            break
    arguments = shlex.split(command)
    assert arguments[0] == ".venv/bin/granian"
    assert "config.wsgi:application" in arguments
    position = arguments.index("--port")
    arguments[position + 1] = str(port)
    return [str(GRANIAN), *arguments[1:]]


def _get(url: str) -> tuple[int, Message, bytes]:
    """Status, headers (whatever their case) and body of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - our own server
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def environment(tmp_path):
    environment = production_environment(
        database_url=f"sqlite:///{tmp_path / 'ouvert.sqlite3'}", var_dir=tmp_path
    )
    for command in (
        ["migrate", "--no-input"],
        ["createcachetable"],
        ["collectstatic", "--no-input"],
    ):
        subprocess.run(  # noqa: S603 - the project's own manage.py
            [sys.executable, "manage.py", *command, "-v", "0"],
            cwd=ROOT,
            env=environment,
            check=True,
        )
    return environment


def test_the_readme_server_line_serves_the_site(environment):
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - the README's own command
        _readme_command(port),
        cwd=ROOT,
        env=environment,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_listening(port, server, timeout=90)
        status, headers, body = _get(base + "/")
        assert status == 200
        page = body.decode()
        assert "fr-header" in page
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        # A stylesheet of the page, from the hashed static files of collectstatic.
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
        status, headers, _ = _get(base + stylesheet)
        assert status == 200
        assert headers["Content-Type"].startswith("text/css")
        status, headers, body = _get(base + "/api/plans/")
        assert status == 200
        assert headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
        assert b'"items"' in body
        status, _, body = _get(base + "/nulle-part/")
        assert status == 404
        assert "Page non trouvée" in body.decode()
    finally:
        _stop(server)


def _stop(server: subprocess.Popen) -> None:
    """Stop granian and its workers (its own process group)."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except ProcessLookupError:
        server.wait()  # it had stopped already
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
