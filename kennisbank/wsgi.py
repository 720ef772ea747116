"""WSGI entry point; production servers (gunicorn, granian) load `application` from here."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbank.settings.production")

application = get_wsgi_application()

# The search-by-meaning model and vectors load in the background now, not in the first search.
from search.semantic import warm_up  # noqa: E402

warm_up()
