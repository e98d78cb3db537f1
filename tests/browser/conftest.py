"""Debian's Chromium driven by Playwright; nothing is downloaded (the browser is the system one)."""

import os
import shutil

import pytest
from django.db import connection

from tests.accounts.factories import sign_in

from .site import SCREENSHOTS, VIEWPORTS, DemoSite, ModuleServer, restore_database, seed_demo_site

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
    """Debian's Chromium for one test. Not shared across a module: a browser outliving a test makes
    pytest-django set up the next transactional test out of order, and its serialized rows (streets,
    pages) do not come back."""
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


def pytest_collection_modifyitems(config, items):
    """Tests on the demo site run last, one after another: the seed is loaded once for all of them
    (see `demo_site`), after every test whose live server empties the tables."""
    items.sort(key=lambda item: "demo_site" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session", autouse=True)
def reference_data(request, django_db_blocker):
    """The database as the migrations left it (streets, categories, pages), taken before the first
    browser test: their live servers empty the tables, and the demo site needs it back."""
    if not any(item.get_closest_marker("django_db") for item in request.session.items):
        return None
    request.getfixturevalue("django_db_setup")
    from marketplace.geography.models import Street

    with django_db_blocker.unblock():
        if not connection.settings_dict["NAME"].startswith("test_"):
            return None
        # The copy Django took when it created the test database, if it took one: in a whole-suite run
        # an earlier transactional test has emptied the tables by the time the first browser test starts.
        saved = getattr(connection, "_test_serialized_contents", None)
        if saved:
            return saved
        if not Street.objects.exists():
            return None
        return connection.creation.serialize_db_to_string()


@pytest.fixture(scope="session")
def demo_site(reference_data, django_db_setup, django_db_blocker):
    """The demo seed behind a live server for the demo-site tests; the database is put back afterwards."""
    with django_db_blocker.unblock():
        assert reference_data, "no test database: run the journeys with a module marked django_db"
        restore_database(reference_data)  # an earlier live-server test may have left the tables empty
        server = ModuleServer()
        try:
            yield DemoSite(server.url, seed_demo_site())
        finally:
            server.stop()
            restore_database(reference_data)


@pytest.fixture(scope="session")
def screenshot_dir():
    """var/test-artifacts/screenshots/, kept after the run (git-ignored) for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def screenshot(screenshot_dir):
    """Save the page as a phone and as a desktop sees it: <role>/<step>-<viewport>.png."""

    def shoot(page, role: str, step: str):
        folder = screenshot_dir / role
        folder.mkdir(parents=True, exist_ok=True)
        original = page.viewport_size
        for name, viewport in VIEWPORTS.items():
            page.set_viewport_size(viewport)
            page.screenshot(path=str(folder / f"{step}-{name}.png"), full_page=True)
        if original:
            page.set_viewport_size(original)

    return shoot


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def pages_kept_on_failure(request, screenshot_dir):
    """When a browser test fails, keep what each open page showed (screenshot and HTML) to look at."""
    # Taken now: at teardown the test's own browser may already be closed.
    browser = request.getfixturevalue("browser") if "browser" in request.fixturenames else None
    yield
    report = getattr(request.node, "report_call", None)
    if browser is None or report is None or not report.failed:
        return
    folder = screenshot_dir.parent / "failures" / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    for c, context in enumerate(browser.contexts):
        for p, page in enumerate(context.pages):
            try:
                page.screenshot(path=str(folder / f"{c}-{p}.png"), full_page=True)
                (folder / f"{c}-{p}.html").write_text(f"<!-- {page.url} -->\n" + page.content())
            except Exception:  # noqa: BLE001,S112 - a page that cannot be saved is not the failure
                continue
        context.close()
