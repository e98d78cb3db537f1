"""WSGI entry point for the load test: the production settings plus the bare view (see settings.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.load.settings")
application = get_wsgi_application()
