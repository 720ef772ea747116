"""Development: debug on, console e-mail, everything on the embedded defaults."""

from .base import *  # noqa: F403

# Debug pages only when asked for (`DEBUG=true make run`): by default a visitor of the local
# site sees the real 404 and 500 pages, as in production.
DEBUG = env_bool("DEBUG", False)  # noqa: F405
SERVE_MEDIA_FILES = True
# WhiteNoise serves static files straight from the apps and static/, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A developer changing templates wants to see the change at once.
PAGE_CACHE_SERVER_SIDE = env_bool("PAGE_CACHE_SERVER_SIDE", False)  # noqa: F405
# Likewise the page fragments ({% page_fragment %}).
PAGE_FRAGMENT_SECONDS = int(os.environ.get("PAGE_FRAGMENT_SECONDS", "0"))  # noqa: F405
