"""Signs of life and outcomes of background work, so nothing periodic can stop without /healthz saying so.

- `beat(name)`: the scheduler (each pass) and every task worker (a thread, every HEARTBEAT_SECONDS) record
  that they are alive; `check_heartbeats()` names the processes whose last beat is older than its limit.
- `record_outcome`: connected to django-tasks' `task_finished`; for a periodic task it stores the last
  success, or the failure with its traceback (logged too), which makes the scheduler retry it sooner.
"""

from __future__ import annotations

import logging
import os

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django_tasks.base import TaskResultStatus

from .models import Heartbeat, ScheduledJob
from .registry import periodic_tasks

logger = logging.getLogger(__name__)


def beat(name: str, *, started_at=None) -> None:
    """Record that the process `name` is alive now."""
    now = timezone.now()
    defaults = {"beat_at": now, "pid": os.getpid()}
    if started_at is not None:
        defaults["started_at"] = started_at
    Heartbeat.objects.update_or_create(name=name, defaults=defaults)


def stale_processes(*, now=None) -> dict[str, float | None]:
    """Expected processes whose newest heartbeat is older than its limit: name → age in seconds (None if
    it never beat). A kind of process ("worker") is alive if any one of its instances ("worker:a") is."""
    now = now or timezone.now()
    beats = list(Heartbeat.objects.values_list("name", "beat_at"))
    stale = {}
    for kind, limit in settings.HEARTBEAT_LIMITS.items():
        times = [at for name, at in beats if name == kind or name.startswith(kind + ":")]
        age = (now - max(times)).total_seconds() if times else None
        if age is None or age > limit:
            stale[kind] = None if age is None else round(age, 1)
    return stale


def requeue_abandoned_tasks(*, now=None) -> list[str]:
    """Tasks left running by a worker that stopped beating (killed mid-task) go back to the queue.

    The row moves only if it is still running, so a slow worker that comes back cannot have its task taken
    twice. Our tasks are written to be safe to run again (conditional updates, upserts), so the effect
    still happens once."""
    if (
        settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend"
        or "worker" not in settings.HEARTBEAT_LIMITS
    ):
        return []
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    limit = settings.HEARTBEAT_LIMITS["worker"]
    alive = {
        name.split(":", 1)[1]
        for name, at in Heartbeat.objects.filter(name__startswith="worker:").values_list("name", "beat_at")
        if (now - at).total_seconds() <= limit
    }
    requeued = []
    for result in DBTaskResult.objects.running().only("pk", "worker_ids", "task_path"):
        worker = (result.worker_ids or ["?"])[-1]
        if worker in alive:
            continue
        if DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        ):
            logger.warning(
                "task %s (%s) abandoned by worker %s; queued again", result.pk, result.task_path, worker
            )
            requeued.append(str(result.pk))
    return requeued


def check_heartbeats() -> dict | None:
    if not settings.HEARTBEAT_LIMITS:
        return None
    try:
        stale = stale_processes()
    except DatabaseError as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": not stale, "missing": sorted(stale), "limits_seconds": settings.HEARTBEAT_LIMITS}


def record_outcome(sender, task_result, **kwargs) -> None:
    """Keep the last success or failure of a periodic task; log a failure with its traceback."""
    path = task_result.task.module_path
    if path not in periodic_tasks:
        return
    now = timezone.now()
    if task_result.status == TaskResultStatus.SUCCESSFUL:
        ScheduledJob.objects.filter(name=path).update(last_succeeded_at=now, failures=0, last_error="")
        return
    error = task_result.errors[-1].traceback if task_result.errors else ""
    logger.error("periodic task %s failed; it will be retried\n%s", path, error)
    job, _created = ScheduledJob.objects.get_or_create(name=path)
    ScheduledJob.objects.filter(pk=job.pk).update(
        last_failed_at=now, last_error=error[-4000:], failures=job.failures + 1
    )
