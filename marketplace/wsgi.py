"""The WSGI entry point (gunicorn marketplace.wsgi).

Production unless DJANGO_SETTINGS_MODULE says otherwise: a forgotten variable must stop the process
(production refuses to start without its secrets), never start it quietly with development settings.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.production")
application = get_wsgi_application()
