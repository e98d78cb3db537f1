"""The database restarted during writes, on a private PostgreSQL server of the test's own.

Writers in a separate process place orders, withdraw listings, register for an event and append audit
entries while the server is restarted twice (a fast shutdown, then a crash: the postmaster and its
backends killed). Afterwards nothing acknowledged is missing, nothing is half done or done twice, and
the web server, never restarted, answers again.

The shared cluster on 5432 is never touched: other tests depend on it.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from tests.core.restart_drill import VISITOR_PLACES

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

PG_BIN = Path("/usr/lib/postgresql/15/bin")
ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivatePostgres:
    """A throwaway cluster in a temporary directory, run as the `postgres` user when we are root."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="restart-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._as_owner(
            [
                PG_BIN / "initdb",
                "-D",
                self.data,
                "-U",
                "market",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        )
        self.start()
        self._as_owner([PG_BIN / "createdb", "-h", self.dir, "-p", str(self.port), "-U", "market", "app"])
        self.url = f"postgres://market@127.0.0.1:{self.port}/app"

    def _as_owner(self, command):
        command = [str(part) for part in command]
        if os.geteuid() == 0:
            command = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{part}'" for part in command)]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    @property
    def options(self) -> str:
        return f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"

    @property
    def log(self) -> Path:
        return self.dir / "server.log"  # not our pipe: the server outlives pg_ctl and would hold it open

    def start(self):
        self._as_owner(
            [PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-o", self.options, "start"]
        )

    def restart_fast(self):
        """A clean restart: sessions are ended, committed work is checkpointed."""
        self._as_owner(
            [
                PG_BIN / "pg_ctl",
                "-D",
                self.data,
                "-l",
                self.log,
                "-w",
                "-m",
                "fast",
                "-o",
                self.options,
                "restart",
            ]
        )

    def crash_and_start(self):
        """The postmaster and every backend killed at once, then crash recovery from the WAL."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(postmaster)], capture_output=True, text=True
        ).stdout.split()
        for pid in [postmaster, *map(int, children)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in children):
            time.sleep(0.1)
        self.start()

    def stop(self):
        self._as_owner([PG_BIN / "pg_ctl", "-D", self.data, "-w", "-m", "immediate", "stop"])
        shutil.rmtree(self.dir, ignore_errors=True)


def django_env(url: str, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def in_django(url: str, call: str, *, timeout: float = 300) -> str:
    """Run `call` (a function of `restart_drill`) in a fresh Django process against the private server."""
    code = f"import django; django.setup(); from tests.core import restart_drill as t; t.{call}"
    done = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=django_env(url), capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def private_db():
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL 15 server binaries are not at {PG_BIN}")
    server = PrivatePostgres()
    try:
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "-v0"],
            cwd=ROOT,
            env=django_env(server.url),
            check=True,
            timeout=600,
        )
        yield server
    finally:
        server.stop()


class WebServer:
    """gunicorn serving the site from the private database; never restarted by the test."""

    def __init__(self, url: str, *, conn_max_age: int):
        self.port = free_port()
        env = django_env(url, DATABASE_CONN_MAX_AGE=str(conn_max_age))
        command = [PYTHON, "-m", "gunicorn", "marketplace.wsgi", "-w", "1", "--threads", "2"]
        self.process = subprocess.Popen(
            [*command, "-b", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while self.status("/healthz") != 200:
            assert time.monotonic() < deadline, "the web server did not come up"
            time.sleep(0.3)

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return 0

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


PAGES = ("/healthz", "/listings/", "/")


# --- The tests -----------------------------------------------------------------------------------------


def acknowledged(lines: list[str], kind: str) -> set[str]:
    """Keys the writer saw commit: an "ok", or a refusal after a retry (the first try had committed)."""
    return {line.split()[2] for line in lines if line.split()[:2] in (["ok", kind], ["refused", kind])}


def wait_for_progress(log: Path, at_least: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while sum(line.startswith("ok ") for line in log.read_text().splitlines()) < at_least:
        assert time.monotonic() < deadline, log.read_text()[-2000:]
        time.sleep(0.2)


def test_writes_survive_a_restart_and_a_crash_and_the_site_answers_again(private_db, tmp_path):
    in_django(private_db.url, "setup_writes()")
    web = WebServer(private_db.url, conn_max_age=0)
    log, stop = tmp_path / "writers.log", tmp_path / "stop"
    writers = subprocess.Popen(
        [
            PYTHON,
            "-c",
            "import django; django.setup(); from tests.core import restart_drill as t; "
            f"t.run_writers({str(stop)!r})",
        ],
        cwd=ROOT,
        env=django_env(private_db.url),
        stdout=log.open("w"),
        stderr=(tmp_path / "writers.err").open("w"),
    )
    try:
        wait_for_progress(log, 20)
        private_db.restart_fast()
        assert all(web.status(page) == 200 for page in PAGES)  # the first requests after the restart
        wait_for_progress(log, 60)
        private_db.crash_and_start()
        assert all(web.status(page) == 200 for page in PAGES)
        wait_for_progress(log, 100)
    finally:
        stop.touch()
        writers.wait(timeout=120)
        web.stop()
    lines = log.read_text().splitlines()
    assert lines[-1] == "done", (tmp_path / "writers.err").read_text()[-3000:]
    assert any(line.startswith("error ") for line in lines), "no write met the restart: nothing was tested"
    state = json.loads(in_django(private_db.url, "report()").strip().splitlines()[-1])
    outcomes = Counter(line.split()[0] for line in lines[:-1])
    print(f"restart drill: 2 faults, writes {dict(outcomes)}")  # the figures for the incident note

    # Orders: each acknowledged one is there, once, with its reserved listing and history.
    ordered = acknowledged(lines, "order")
    assert set(state["orders_by_listing"]) == ordered
    assert set(state["orders_by_listing"].values()) <= {"reserved"}
    assert state["orders_per_listing"] <= 1
    assert state["orders_without_history"] == 0 and state["reserved_without_order"] == 0
    # Listings: exactly the acknowledged ones were withdrawn, each with its history row.
    withdrawn = acknowledged(lines, "listing")
    for pk, (status, last_change) in state["listings"].items():
        assert (status == "withdrawn") == (pk in withdrawn), (pk, status)
        if pk in withdrawn:
            assert last_change == "withdrawn", (pk, status, last_change)
    # Registrations: each acknowledged one once; the places never overbooked.
    registered = acknowledged(lines, "registration")
    names = state["registrations"]
    assert sorted(names) == sorted(f"报名{n}" for n in registered)
    assert state["places_held"] <= VISITOR_PLACES
    # Audit: each acknowledged entry in the log exactly once; the tree whole and gap-free.
    appended = acknowledged(lines, "audit")
    assert set(state["audit_ns"]) == appended and set(state["audit_ns"].values()) == {1}
    assert state["audit_gap_free"] and state["audit_head_size"] == state["audit_entries"]


def test_with_persistent_connections_the_first_request_after_a_restart_is_answered(private_db):
    web = WebServer(private_db.url, conn_max_age=600)
    try:
        for _warm in range(4):
            assert all(web.status(page) == 200 for page in PAGES)
        private_db.restart_fast()
        assert [web.status(page) for page in PAGES * 2] == [200] * len(PAGES) * 2
    finally:
        web.stop()
