"""The production settings, as the benchmark serves them on loopback.

One difference: static files are stored with their hashed names (ManifestStaticFilesStorage)
but not also precompressed — compressing every vendor file with brotli takes minutes, and the
benchmark measures pages, not static files. Everything else (DEBUG off, database sessions and
cache, security middleware, CSP) is `kvalitet.settings_production` as it is.
"""

from kvalitet.settings_production import *  # noqa: F403
from kvalitet.settings_production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
