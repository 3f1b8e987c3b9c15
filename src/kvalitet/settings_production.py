"""Production settings: the development settings hardened; secrets must come from the environment.

`kvalitet check --deploy` is clean with this module (CI checks it).
"""

from django.core.exceptions import ImproperlyConfigured

from kvalitet.env import env_bool, env_int, env_str
from kvalitet.settings import *  # noqa: F403
from kvalitet.settings import DEV_SECRET_KEY, SILENCED_SYSTEM_CHECKS

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50+ characters.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The TLS-terminating proxy in front of gunicorn tells us the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading is a decision for the owner of the whole domain (often the municipality's IT
# department), not for one application on it; the check's advice is therefore opt-in here.
SILENCED_SYSTEM_CHECKS = [
    *SILENCED_SYSTEM_CHECKS,
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
# Behind the proxy every request comes from its address: take the client's from X-Forwarded-For,
# counting the proxies we trust, so the lockout and the logs see people, not the proxy.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 60 * 60 * 10
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
CACHES = {
    **CACHES,  # noqa: F405
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kvalitet_cache",
    },
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
