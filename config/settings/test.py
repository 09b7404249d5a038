"""Tests: SQLite in memory unless DATABASE_URL points at PostgreSQL; tasks run immediately."""

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-that-is-long-enough-to-look-like-a-real-one-0123456789"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Tests drive the API far faster than a person: the rate limits would answer 429 to most of it.
NINJA_DEFAULT_THROTTLE_RATES = {"anon": "1000000/min", "auth": "1000000/min", "user": "1000000/min"}
