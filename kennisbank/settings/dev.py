"""Development: debug on, console e-mail, everything on the embedded defaults."""

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)  # noqa: F405
# A developer changing templates wants to see the change at once.
PAGE_CACHE_SERVER_SIDE = env_bool("PAGE_CACHE_SERVER_SIDE", False)  # noqa: F405
