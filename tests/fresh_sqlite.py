"""Running a script against a fresh SQLite file in its own process: for migration tests, which migrate
backwards and forwards and must not disturb the suite's database."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_on_fresh_sqlite(script: str, var_dir: Path) -> str:
    """The script's standard output; it fails the test with its error output if it fails."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="marketplace.settings.dev", VAR_DIR=str(var_dir))
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout
