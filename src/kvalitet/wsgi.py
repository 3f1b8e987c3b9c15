"""WSGI entry point for gunicorn: `gunicorn kvalitet.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kvalitet.settings")
application = get_wsgi_application()
