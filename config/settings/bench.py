"""Benchmarks (bench/): like production in what matters to speed (DEBUG off, so that no query is
kept in memory), with the database of DATABASE_URL and no deployment secrets."""

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-key-that-is-long-enough-to-look-like-a-real-one-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
