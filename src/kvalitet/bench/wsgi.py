"""The WSGI application the benchmark serves with gunicorn: the production application with one
more address, /bench/hello, a bare Django response through the same middleware."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kvalitet.bench.settings")
application = get_wsgi_application()
settings.ROOT_URLCONF = "kvalitet.bench.urls"
