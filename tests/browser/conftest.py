"""Debian's Chromium driven by Playwright; nothing is downloaded (the browser is the system one)."""

import os
import shutil

import pytest

from tests.accounts.factories import sign_in

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}; scripts/test installs the Debian package")
    # Django refuses synchronous database work inside an event loop; Playwright's sync API runs one.
    # Only while browsers run: later subprocesses must not inherit it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def signed_in_page(browser, live_server, client):
    """A browser page carrying the session of a user signed in through the test client."""

    def open_as(user):
        sign_in(client, user)
        context = browser.new_context(base_url=live_server.url, locale="zh-CN")
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
        )
        return context, context.new_page()

    return open_as
