"""Headless Chromium for the browser tests: Debian's package, driven by Playwright's sync API.

Playwright allows one sync API instance per thread: tests/browser and tests/crawl each start one
for their package (the `browser` and `crawl_browser` fixtures) and close it when the package is done.
"""

import contextlib
import os

import pytest

# Never let Playwright fetch a browser of its own: Debian's chromium is the one we use.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

# The same browser and flags as `make crawl` (scripts/crawl_site.py, which runs without Django).
from scripts.crawl_site import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


@contextlib.contextmanager
def running_chromium():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make install-test` installs Debian's chromium.")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls made beside it (each
    # test's transaction, the content fixtures) are plain synchronous ones, so Django's async
    # guard does not apply. Only while the browser runs: set for the whole session, the variable
    # would reach other tests' subprocesses (and fail `check --deploy`).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
