"""A demo site for the browser tests: one live server, the demo seed, a signed-in session per role.

pytest-django's `live_server` makes every test that uses it transactional, flushing the database after
each test; seeding the demo (half a minute) once per test would not fit the suite's time. This server
and this seed are made once for the tests that use them (run last, together), and the database is
put back as it was found afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from tests.accounts.factories import sign_in

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
DEMO_PASSWORD = "demo-journeys-2026"  # noqa: S105 - test-only  # nosec B105

# The demo accounts, by the role the scan and the accessibility checks speak of.
DEMO_ROLES = {
    "anonymous": None,
    "resident": "resident@demo.nankai",
    "seller": "seller@demo.nankai",
    "street_office": "street@demo.nankai",
    "appraiser": "appraiser@demo.nankai",
    "regulator": "regulator@demo.nankai",
    "platform_staff": "staff@demo.nankai",
}


@dataclass
class DemoSite:
    url: str
    sessions: dict[str, str | None] = field(default_factory=dict)

    def context(self, browser, role: str, *, viewport=DESKTOP, locale: str = "zh-CN", **options):
        """A browser context signed in as `role` (the second factor passed for staff roles)."""
        return self._open(browser, self.sessions[role], viewport=viewport, locale=locale, **options)

    def context_as(self, browser, user, *, viewport=DESKTOP, locale: str = "zh-CN"):
        """A browser context signed in as `user`, whoever they are."""
        return self._open(browser, session_cookie(user), viewport=viewport, locale=locale)

    def _open(self, browser, session, *, viewport, locale, **options):
        context = browser.new_context(base_url=self.url, locale=locale, viewport=viewport, **options)
        context.set_default_timeout(15_000)  # a step that cannot be done fails in seconds, not half a minute
        if session:
            context.add_cookies([{"name": "sessionid", "value": session, "url": self.url}])
        return context


def session_cookie(user) -> str:
    """The session id of `user` signed in as allauth would sign them in, second factor included."""
    client = Client()
    sign_in(client, user)
    return client.cookies["sessionid"].value


class ModuleServer:
    """Django's live server thread, started and stopped by the `demo_site` fixture."""

    def __init__(self):
        self.server = LiveServer("localhost")
        self.server._live_server_modified_settings.enable()

    @property
    def url(self) -> str:
        return self.server.url

    def stop(self):
        self.server._live_server_modified_settings.disable()
        self.server.stop()


def restore_database(saved: str) -> None:
    """Empty every table and load `saved` back, as a serialized-rollback test does."""
    import json

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    # Content types first: Wagtail's pages look theirs up while they are being loaded, and a lookup
    # that missed would create rows clashing with the saved ones.
    rows = json.loads(saved)
    types = [row for row in rows if row["model"] == "contenttypes.contenttype"]
    connection.creation.deserialize_db_from_string(json.dumps(types))
    ContentType.objects.clear_cache()
    others = [row for row in rows if row["model"] != "contenttypes.contenttype"]
    connection.creation.deserialize_db_from_string(json.dumps(others))
    # The rows came back with their ids; new rows must be numbered after them.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)


def seed_demo_site() -> dict[str, str | None]:
    """Load the demo data and return a session per demo role."""
    import logging

    from django.conf import settings

    from demo.seed import seed_demo
    from marketplace.accounts.models import User

    logging.getLogger("wagtail").setLevel(logging.WARNING)
    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        seed_demo(DEMO_PASSWORD)
    finally:
        settings.EMAIL_BACKEND = backend
    return {
        role: session_cookie(User.objects.get(email=email)) if email else None
        for role, email in DEMO_ROLES.items()
    }
