"""Settings shared by every environment. Values that differ per deployment come from the environment."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("OUVERT_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "dsfr",
    "widget_tweaks",
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "ouvert.core",
    "ouvert.accounts",
    "ouvert.pages",
    "ouvert.actors",
    "ouvert.plans",
    "ouvert.participation",
    "ouvert.debates",
    "ouvert.blog",
    "ouvert.notifications",
    "ouvert.conversations",
    "ouvert.opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ouvert.core.middleware.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ouvert.core.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dsfr.context_processors.site_config",
                "ouvert.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite under var/ by default, PostgreSQL (production) through DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ouvert.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE transactions take the
    # write lock up front, so two processes never deadlock upgrading a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Hot statements (the vote) run on a server-binding cursor that PostgreSQL keeps prepared on
    # the connection after a few runs (ouvert.core.db.prepared_cursor); Django's own queries are
    # not affected. Off (0) for a pooler in transaction mode that cannot keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        5 if env_bool("DATABASE_PREPARED_STATEMENTS", True) else None
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:account"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day, for both password reset and e-mail confirmation
OUVERT_LOGIN_THROTTLE = {
    # Failed logins allowed per window, per e-mail address and per client address.
    "per_email": env_int("OUVERT_LOGIN_FAILURES_PER_EMAIL", 5),
    "per_ip": env_int("OUVERT_LOGIN_FAILURES_PER_IP", 20),
    "window_seconds": env_int("OUVERT_LOGIN_THROTTLE_WINDOW", 15 * 60),
}
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Internationalisation: French first, English second; French URLs are unprefixed, English ones under /en/.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("OUVERT_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# DSFR's subresource-integrity hashes describe the unhashed files; they break under hashed static storage.
DSFR_USE_INTEGRITY_CHECKSUMS = False

# E-mail
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ouvert <ne-pas-repondre@ouvert.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Background tasks: a database queue, worked by `manage.py db_worker` (`make worker`).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# The map of actors: a tile server (an address template such as
# "https://tile.openstreetmap.org/{z}/{x}/{y}.png"), none by default: the map then shows its
# points without a background. Its origin, and only it, is added to the images the CSP allows.
OUVERT_MAP_TILES_URL = env_str("OUVERT_MAP_TILES_URL", "")
OUVERT_MAP_TILES_ATTRIBUTION = env_str(
    "OUVERT_MAP_TILES_ATTRIBUTION", "© les contributeurs d'OpenStreetMap"
)
# Leaflet, installed from npm by `make install`, is served as static files.
STATICFILES_DIRS = [("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist")]


def _tile_origin(template: str) -> str:
    """The CSP source of a tile server: its origin, with "{s}" subdomains as a wildcard."""
    scheme, _, rest = template.partition("://")
    host = rest.split("/", 1)[0].replace("{s}", "*")
    return f"{scheme}://{host}" if scheme and host else ""


# Content Security Policy: no inline script or style at all, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *filter(None, [_tile_origin(OUVERT_MAP_TILES_URL)])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# API
NINJA_PAGINATION_CLASS = "ouvert.core.api.PageNumberPagination"
NINJA_PAGINATION_PER_PAGE = 50
NINJA_MAX_PER_PAGE_SIZE = 500
NINJA_DEFAULT_THROTTLE_RATES = {
    "anon": env_str("OUVERT_API_ANON_RATE", "120/min"),
    "auth": env_str("OUVERT_API_AUTH_RATE", "600/min"),
    "user": env_str("OUVERT_API_AUTH_RATE", "600/min"),
}

# The platform
OUVERT_SITE_NAME = env_str("OUVERT_SITE_NAME", "ouvert")
OUVERT_SITE_URL = env_str("OUVERT_SITE_URL", "http://127.0.0.1:8000")
OUVERT_OPEN_DATA_LICENCE = {
    "title": env_str("OUVERT_OPEN_DATA_LICENCE_TITLE", "Licence Ouverte 2.0"),
    "url": env_str(
        "OUVERT_OPEN_DATA_LICENCE_URL",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    ),
    "spdx": env_str("OUVERT_OPEN_DATA_LICENCE_SPDX", "etalab-2.0"),
}
OUVERT_PUBLISHER = env_str(
    "OUVERT_PUBLISHER", "Direction interministérielle de la transformation publique"
)
OUVERT_CONTACT_EMAIL = env_str("OUVERT_CONTACT_EMAIL", "gouvernement-ouvert@ouvert.localhost")
# How often the worker regenerates the bulk archive of every open dataset.
OUVERT_DUMP_EVERY_HOURS = env_int("OUVERT_DUMP_EVERY_HOURS", 24)
# Where the source code of the running version is (AGPL-3.0 section 13): linked from every footer.
OUVERT_SOURCE_URL = env_str("OUVERT_SOURCE_URL", "")
# Who hosts the instance (name and address), as the legal notice must say; empty for a local demo.
OUVERT_HOSTING = env_str("OUVERT_HOSTING", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("OUVERT_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DSFR_MARK_OPTIONAL_FIELDS = True  # the DSFR marks optional fields, not required ones
USE_X_FORWARDED_HOST = env_bool("DJANGO_USE_X_FORWARDED_HOST", False)
# Conversations: seconds a vote waits before the worker updates the opinion map (votes arriving
# meanwhile join the same update), and new anonymous participants allowed per address and minute.
OUVERT_CONVERSATION_ANALYSIS_DELAY = env_int("OUVERT_CONVERSATION_ANALYSIS_DELAY", 1)
OUVERT_CONVERSATION_NEW_PARTICIPANTS_PER_MINUTE = env_int(
    "OUVERT_CONVERSATION_NEW_PARTICIPANTS_PER_MINUTE", 120
)
# Reverse proxies in front of the application: the client address is read from X-Forwarded-For.
OUVERT_NUM_PROXIES = env_int("OUVERT_NUM_PROXIES", 0)
NINJA_NUM_PROXIES = OUVERT_NUM_PROXIES or None
