"""The site run as in production, in processes of its own: for the vote benchmark and the test of
the README's server line. No Django import: the benchmark sets its environment up with it first."""

import os
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    """A TCP port free on 127.0.0.1 at the time of asking."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(*, database_url: str, var_dir: Path) -> dict[str, str]:
    """This process's environment plus what `config.settings.prod` requires, for a site on
    127.0.0.1 spoken to over plain HTTP (no HTTPS proxy in front of it)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": "local-production-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "OUVERT_SITE_URL": "http://127.0.0.1",
        "OUVERT_CONTACT_EMAIL": "contact@ouvert.localhost",
        "OUVERT_HOSTING": "local",
        "OUVERT_VAR_DIR": str(var_dir),
        "OUVERT_LOG_LEVEL": "WARNING",
    }


def wait_until_listening(port: int, server: subprocess.Popen, timeout: float = 60.0) -> None:
    """Return once `server` accepts connections on `port`; RuntimeError if it stops or is not
    listening within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"the web server stopped (exit code {server.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"the web server did not listen within {timeout:.0f} s"
                ) from None
            time.sleep(0.2)
