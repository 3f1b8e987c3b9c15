"""Settings for kvalitet, read from the environment with development defaults that just work.

Production: set DJANGO_SETTINGS_MODULE=kvalitet.settings_production (see README).
"""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from kvalitet.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(env_str("KVALITET_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
# The development key is public; settings_production refuses to start without a real one.
DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production-kvalitet-0000"
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks_db",
    "kvalitet.core",
    "kvalitet.accounts",
    "kvalitet.organisations",
    "kvalitet.activity",
    "kvalitet.portal",
    "kvalitet.documents",
    "kvalitet.plans",
    "kvalitet.requirements",
    "kvalitet.feedback",
    "kvalitet.reminders",
    "kvalitet.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "kvalitet.core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kvalitet.core.middleware.TenantLocaleMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kvalitet.urls"
# Covering indexes (INCLUDE) are for PostgreSQL; on SQLite they are plain indexes, as meant.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
WSGI_APPLICATION = "kvalitet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kvalitet.core.context_processors.shell",
            ],
        },
    },
]

# --- Database: embedded SQLite in WAL mode by default, PostgreSQL through DATABASE_URL ---
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60)
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "kvalitet.sqlite3",
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of
                # one failing with "database is locked" half-way through its transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- People and login ---
AUTH_USER_MODEL = "accounts.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Lockout after repeated failed logins (django-axes, stored in the database).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# How many reverse proxies in front of kvalitet append to X-Forwarded-For (0: none, development).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "kvalitet.core.client_address.client_address"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# --- Languages, dates and time ---
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
NODE_MODULES = PROJECT_DIR / "node_modules"
# Front-end packages come from npm (package.json) and are served as our own static files.
STATICFILES_DIRS = [
    ("vendor/dkfds", NODE_MODULES / "dkfds" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/altcha", NODE_MODULES / "altcha" / "dist"),
]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": env_str("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail: every message is queued as a task and sent by `kvalitet worker` ---
# "default" queues (kvalitet.core.mail); the worker hands each message to "delivery".
_delivery_backend = env_str(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_delivery_options: dict = {}
if _delivery_backend.endswith("smtp.EmailBackend"):
    _delivery_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": 30,
    }
elif _delivery_backend.endswith("filebased.EmailBackend"):
    _delivery_options = {"file_path": env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))}
MAILERS = {
    "default": {"BACKEND": "kvalitet.core.mail.QueuedEmailBackend"},
    "delivery": {"BACKEND": _delivery_backend, "OPTIONS": _delivery_options},
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kvalitet <noreply@kvalitet.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background work: Django's Tasks framework on the database ---
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Caching and sessions (database-backed, so app servers stay stateless) ---
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kvalitet",
    },
    # The public portal's rendered fragments (kvalitet.portal.cache), in each process's memory:
    # a hit costs no query. Right across processes and servers all the same, because a change
    # raises the organisation's portal_version in the database and that is in every key; only
    # the feedback summary, kept a few minutes, may differ that long between two processes.
    "portal": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kvalitet-portal",
        "OPTIONS": {"MAX_ENTRIES": env_int("PORTAL_CACHE_ENTRIES", 2000)},
    },
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script of ours reads these cookies (htmx gets the CSRF token from the page).
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True

# --- Security headers; Django's own Content Security Policy with nonces ---
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# --- Public forms: the self-hosted ALTCHA proof-of-work ---
# Empty: derived from SECRET_KEY (kvalitet.feedback.antispam), so one secret is enough.
ALTCHA_HMAC_KEY = env_str("ALTCHA_HMAC_KEY", "")
# The work a browser does per submission (PBKDF2 iterations × the counter it must find).
ALTCHA_COST = env_int("ALTCHA_COST", 500)
ALTCHA_MAX_COUNTER = env_int("ALTCHA_MAX_COUNTER", 2000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools log every page of every PDF at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("axes", "weasyprint", "fontTools")},
}
