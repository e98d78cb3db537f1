import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from marketplace.settings.env import env_bool, env_choice, env_decimal, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value", ["maybe", "2", "enabled"])
def test_env_bool_rejects_words_it_does_not_know(monkeypatch, value):
    monkeypatch.setenv("FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG") is False


def test_env_int_rejects_text_and_values_below_minimum(monkeypatch):
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("PORT")
    monkeypatch.setenv("PORT", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("PORT", minimum=1)


def test_env_decimal_rejects_non_numbers_and_infinity(monkeypatch):
    monkeypatch.setenv("CEILING", "lots")
    with pytest.raises(ImproperlyConfigured):
        env_decimal("CEILING")
    monkeypatch.setenv("CEILING", "Infinity")
    with pytest.raises(ImproperlyConfigured):
        env_decimal("CEILING")
    monkeypatch.setenv("CEILING", "50000.00")
    assert env_decimal("CEILING") == Decimal("50000.00")


def test_env_choice_and_required_values(monkeypatch):
    monkeypatch.setenv("ENGINE", "solr")
    with pytest.raises(ImproperlyConfigured, match="database"):
        env_choice("ENGINE", {"database", "opensearch"})
    monkeypatch.delenv("MISSING_ONE", raising=False)
    with pytest.raises(ImproperlyConfigured, match="required"):
        env_str("MISSING_ONE")
    monkeypatch.setenv("HOSTS", " a.example, ,b.example ")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="marketplace.settings.production", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "marketplace.settings.production",
    "SECRET_KEY": "x" * 20 + "production-grade-secret-key-for-the-check-only-0123456789",
    "IDENTITY_ENCRYPTION_KEYS": "8nJ0v4WcVZ6h8Xo3dnM5l0aHq6n5x1r0mH0p7yJp2Kc=",
    "IDENTITY_HASH_KEY": "a-keyed-hash-secret",
    "APPRAISAL_SIGNING_KEY": "u7e5L6nH3n0p1Jm2QqY8yQ9c2t8m1V5xZ3k7d4bC0aE=",
    "AUDIT_SIGNING_KEY": "Qm9ndXNBdWRpdEtleUZvclRoZUNoZWNrT25seTAxMjM=",
    "ALLOWED_HOSTS": "market.example",
}


@pytest.mark.slow
def test_production_passes_the_deployment_checklist_without_warnings(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(("configured", "kept"), [("", "60 True"), ("0", "0 True")])
def test_production_keeps_database_connections_and_checks_them_before_use(tmp_path, configured, kept):
    # A connection opened per request was half of a page's time in the worker (benchmarks/load).
    show = (
        "from django.db import connection as c; d = c.settings_dict; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = run_manage(
        "shell", "-c", show, **PRODUCTION, VAR_DIR=str(tmp_path), DATABASE_CONN_MAX_AGE=configured
    )
    assert result.stdout.split("\n")[-2] == kept, result.stderr
