"""A forgotten DJANGO_SETTINGS_MODULE means production, which refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "IDENTITY_ENCRYPTION_KEYS",
    "IDENTITY_HASH_KEY",
    "APPRAISAL_SIGNING_KEY",
    "AUDIT_SIGNING_KEY",
    "DEBUG",
}


def run(*args: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name not in SECRETS}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("entry_point", ["marketplace.wsgi", "marketplace.asgi"])
def test_the_web_entry_points_refuse_to_start_without_settings_or_secret(entry_point):
    result = run("-c", f"import {entry_point}")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_manage_py_refuses_to_run_without_settings_or_secret():
    result = run("manage.py", "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_development_commands_still_run_when_they_say_so(tmp_path):
    env_run = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={
            **{name: value for name, value in os.environ.items() if name not in SECRETS | {"DATABASE_URL"}},
            "DJANGO_SETTINGS_MODULE": "marketplace.settings.dev",
            "VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert env_run.returncode == 0, env_run.stderr[-2000:]
