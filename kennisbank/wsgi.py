"""WSGI entry point; production servers (gunicorn, granian) load `application` from here."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbank.settings.production")

application = get_wsgi_application()
