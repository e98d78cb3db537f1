"""A task worker killed mid-task: the scheduler puts the task back, another worker runs it, the effect
happens once."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANAGE = [sys.executable, "manage.py"]


def _shell(env, code: str) -> str:
    result = subprocess.run(
        [*MANAGE, "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.slow
def test_a_task_whose_worker_was_killed_runs_again_and_its_effect_happens_once(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings.dev",
        VAR_DIR=str(tmp_path),
        HEARTBEAT_SECONDS="1",
        HEARTBEAT_LIMIT_WORKER="3",
    )
    subprocess.run([*MANAGE, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
    task_id = _shell(
        env, "from tests.core.fault_tasks import slow_effect; print(slow_effect.enqueue(seconds=60).id)"
    )
    worker = subprocess.Popen(
        [*MANAGE, "run_worker", "--worker-id", "doomed", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    count_started = (
        "from marketplace.core.models import Heartbeat;"
        f"print(Heartbeat.objects.filter(name__startswith='fault:started:{task_id}').count())"
    )
    deadline = time.monotonic() + 60
    while _shell(env, count_started) != "1":
        assert time.monotonic() < deadline, "the worker never started the task"
        time.sleep(0.5)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)

    time.sleep(4)  # past the worker's heartbeat limit
    scheduler = subprocess.run(
        [*MANAGE, "run_scheduler", "--once"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert f"queued again abandoned task {task_id}" in scheduler.stdout, scheduler.stdout + scheduler.stderr

    subprocess.run(
        [*MANAGE, "run_worker", "--worker-id", "rescuer", "--batch", "--interval", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    outcome = json.loads(
        _shell(
            env,
            "import json; from django_tasks_db.models import DBTaskResult;"
            "from marketplace.core.models import Heartbeat;"
            f"r = DBTaskResult.objects.get(pk='{task_id}');"
            "print(json.dumps({'status': r.status, 'workers': r.worker_ids,"
            f"'effects': Heartbeat.objects.filter(name='fault:effect:{task_id}').count()}}))",
        )
    )
    assert outcome == {"status": "SUCCESSFUL", "workers": ["doomed", "rescuer"], "effects": 1}
