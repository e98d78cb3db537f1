"""The embedded default (SQLite under var/) migrates from nothing and serves its pages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SMOKE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("seed_demo", verbosity=0)
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
import json
health = client.get("/healthz")
print("/healthz", health.status_code, ",".join(json.loads(health.content)["checks"]["background"]["missing"]))
for path in ["/", "/accounts/login/", "/accounts/signup/", "/prohibited-items/", "/listings/"]:
    status = client.get(path).status_code
    print(path, status)
assert client.login(email="seller@demo.nankai", password="nankai-demo-2026")
print("/me/", client.get("/me/").status_code)
"""


@pytest.mark.slow
def test_sqlite_default_migrates_seeds_and_serves(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="marketplace.settings.dev", VAR_DIR=str(tmp_path), DEBUG="true")
    result = subprocess.run(
        [sys.executable, "-c", SMOKE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    statuses = dict(line.split()[:2] for line in result.stdout.splitlines() if line.startswith("/"))
    # Nothing runs beside this client: /healthz must say that the scheduler and the worker are missing.
    assert "/healthz 503 scheduler,worker" in result.stdout
    assert statuses == {
        "/": "200",
        "/healthz": "503",
        "/accounts/login/": "200",
        "/accounts/signup/": "200",
        "/prohibited-items/": "200",
        "/listings/": "200",
        "/me/": "200",
    }
    assert (tmp_path / "db.sqlite3").exists()
