"""Soak: the run command's three processes share the SQLite file under steady writes without one
"database is locked", and nothing written is lost.

A resident favourites listings and sends messages through the web server while the scheduler enqueues and
the worker runs periodic tasks, both beating every second. SOAK_MINUTES (default 3) sets the length.
"""

import http.cookiejar
import os
import random
import re
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .test_run_command import _health, _wait_for, run_product

ROOT = Path(__file__).resolve().parents[2]
LOCK_ERRORS = re.compile(r"database is locked|database table is locked|OperationalError", re.IGNORECASE)


class Browser:
    """Just enough of a browser: cookies, and the CSRF token from the cookie on every POST."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict) -> tuple[int, str]:
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode(data | {"csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        return self._open(request)

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


@pytest.mark.slow
def test_three_processes_share_the_embedded_database_under_writes(tmp_path):
    minutes = float(os.environ.get("SOAK_MINUTES", "3"))
    with run_product(tmp_path, SCHEDULER_INTERVAL="1", HEARTBEAT_SECONDS="1") as port:
        _wait_for(lambda: _health(port)[0] == 200, 600, "the product to seed and report healthy")
        database = sqlite3.connect(f"file:{tmp_path / 'db.sqlite3'}?mode=ro", uri=True, timeout=30)
        listing_ids = [
            row[0]
            for row in database.execute(
                "SELECT l.id FROM listings_listing l JOIN accounts_user u ON u.id = l.seller_id "
                "WHERE l.status = 'published' AND u.email != 'resident@demo.nankai'"
            )
        ]
        assert len(listing_ids) >= 10
        browser = Browser(f"http://127.0.0.1:{port}")
        browser.get("/accounts/login/")
        status, _page = browser.post(
            "/accounts/login/", {"login": "resident@demo.nankai", "password": "nankai-demo-2026"}
        )
        assert status == 200 and any(c.name == "sessionid" for c in browser.jar)

        rng = random.Random(7)
        sent, favourites, failures = 0, 0, []
        deadline = time.monotonic() + minutes * 60
        next_message = time.monotonic()
        while time.monotonic() < deadline:
            pk = rng.choice(listing_ids)
            # Messages stay under the per-resident limit (30 a minute); favourites go as fast as they can.
            if time.monotonic() >= next_message:
                next_message += 2.5
                status, _page = browser.post(f"/listings/{pk}/messages/", {"body": f"还在吗？第{sent + 1}条"})
                if status == 200:
                    sent += 1
                else:
                    failures.append(("message", pk, status))
            status, _page = browser.post(f"/listings/{pk}/favourite/", {})
            if status == 200:
                favourites += 1
            else:
                failures.append(("favourite", pk, status))

        stored = database.execute(
            "SELECT count(*) FROM listings_message m JOIN accounts_user u ON u.id = m.sender_id "
            "WHERE u.email = 'resident@demo.nankai'"
        ).fetchone()[0]
        beats = dict(database.execute("SELECT name, beat_at FROM core_heartbeat"))
        finished = database.execute("SELECT count(*) FROM django_tasks_database_dbtaskresult").fetchone()[0]
        assert _health(port)[0] == 200

    logs = {path.name: path.read_text(errors="replace") for path in tmp_path.glob("*.log")}
    logs["run.out"] = (tmp_path / "run.out").read_text(errors="replace")
    locked = {name: LOCK_ERRORS.findall(text) for name, text in logs.items() if LOCK_ERRORS.search(text)}
    print(f"soaked {minutes} min: {sent} messages, {favourites} favourite toggles, {finished} task results")
    assert failures == []
    assert locked == {}
    assert stored == sent  # every message the server accepted is in the database, none twice
    assert "scheduler" in beats and any(name.startswith("worker:") for name in beats)
    assert sent >= minutes * 20 and favourites > minutes * 600  # steady writes all the way through
    assert "exited" not in logs["run.out"]  # no process had to be restarted
