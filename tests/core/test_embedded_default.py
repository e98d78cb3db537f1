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
call_command("seed_demo")
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
missing = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="zh-hans").get("/no-such-page/")
print("/no-such-page/", missing.status_code, "找不到该页面" in missing.content.decode())
icon = client.get("/favicon.ico")
print("/favicon.ico", icon.status_code, icon["Location"])
"""


@pytest.mark.slow
def test_sqlite_default_migrates_seeds_and_serves(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    # As scripts/run starts it: debug pages off, so people see the site's own error pages.
    env.update(DJANGO_SETTINGS_MODULE="marketplace.settings.dev", VAR_DIR=str(tmp_path), DEBUG="false")
    result = subprocess.run(
        [sys.executable, "-c", SMOKE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    statuses = dict(line.split()[:2] for line in result.stdout.splitlines() if line.startswith("/"))
    statuses.pop("/no-such-page/"), statuses.pop("/favicon.ico")
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
    # A translated page of the site's own, not Django's English debug page; an icon for the tab.
    assert "/no-such-page/ 404 True" in result.stdout
    assert "/favicon.ico 301 /static/favicon.svg" in result.stdout
    # The seed prints the demo logins, not the emails it triggered or the PDF renderer's steps.
    assert "Demo logins" in result.stdout
    assert "Content-Type:" not in result.stdout + result.stderr
    assert "weasyprint" not in result.stderr.lower() and "Page created" not in result.stderr
