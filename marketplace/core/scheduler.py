"""Periodic tasks: the enqueueing of those that are due. Each app registers its own periodic tasks
(`registry.register_periodic`) from its `AppConfig.ready()`.

django-tasks has no scheduler of its own. `manage.py run_scheduler` calls `enqueue_due` in a
loop; the `ScheduledJob` row lock makes it safe to run more than one scheduler.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledJob
from .registry import periodic_tasks


def wait_after(job: ScheduledJob, interval: dt.timedelta) -> dt.timedelta:
    """A failed task is retried sooner than its interval: after PERIODIC_RETRY_SECONDS, doubling."""
    if job.failures == 0:
        return interval
    retry = dt.timedelta(seconds=settings.PERIODIC_RETRY_SECONDS * 2 ** min(job.failures - 1, 16))
    return min(interval, retry)


def enqueue_due(
    *, now: dt.datetime | None = None, schedule: dict[str, dt.timedelta] | None = None
) -> list[str]:
    """Enqueue every task whose interval has passed since it was last enqueued. Returns their paths."""
    now = now or timezone.now()
    enqueued = []
    for path, interval in (schedule or periodic_tasks).items():
        ScheduledJob.objects.get_or_create(name=path)
        with transaction.atomic():
            job = ScheduledJob.objects.select_for_update().get(name=path)
            if job.last_enqueued_at and job.last_enqueued_at > now - wait_after(job, interval):
                continue
            job.last_enqueued_at = now
            job.save(update_fields=["last_enqueued_at"])
            task = import_string(path)
            transaction.on_commit(task.enqueue)
            enqueued.append(path)
    return enqueued
