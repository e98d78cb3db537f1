"""`scripts/run` as a resident starts it: a dead scheduler shows in /healthz and comes back by itself."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health(port: int) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, {}


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@contextlib.contextmanager
def run_product(var: Path, **settings: str):
    """`scripts/run` in its own process group on a free port, with `var` as VAR_DIR; yields the port."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(VAR_DIR=str(var), PORT=str(port), **settings)
    with open(var / "run.out", "w") as out:
        process = subprocess.Popen(
            ["scripts/run"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield port
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def running_product(tmp_path):
    settings = {
        "SEED_DEMO": "0",
        "SCHEDULER_INTERVAL": "1",
        "HEARTBEAT_SECONDS": "1",
        "HEARTBEAT_LIMIT_SCHEDULER": "6",
        "HEARTBEAT_LIMIT_WORKER": "6",
        "RESTART_DELAY": "15",
    }
    with run_product(tmp_path, **settings) as port:
        yield port, tmp_path


@pytest.mark.slow
def test_a_killed_scheduler_turns_healthz_red_within_its_limit_and_is_started_again(running_product):
    port, var = running_product
    _wait_for(lambda: _health(port)[0] == 200, 180, "the product to start and report healthy")

    scheduler_pid = int((var / "run" / "scheduler.pid").read_text())
    os.kill(scheduler_pid, signal.SIGKILL)
    killed_at = time.monotonic()
    status, body = _wait_for(
        lambda: (lambda h: h if h[0] == 503 else None)(_health(port)), 12, "/healthz to report the scheduler"
    )
    assert time.monotonic() - killed_at <= 6 + 2  # the limit, plus one heartbeat and one poll
    assert body["checks"]["background"]["missing"] == ["scheduler"]

    _wait_for(lambda: _health(port)[0] == 200, 60, "the scheduler to be started again")
    new_pid = int((var / "run" / "scheduler.pid").read_text())
    assert new_pid != scheduler_pid
    log = (var / "scheduler.log").read_text()
    assert "supervisor: scheduler exited with code 137; starting it again" in log
    assert "starting it again" in (var / "run.out").read_text()
