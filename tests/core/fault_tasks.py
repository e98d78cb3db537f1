"""A task for the fault tests: it announces that it started, waits (on its first attempt) to be killed,
then does its effect.

The effect is keyed by the task result's id, as the project's own tasks key theirs by the row they
change, so running it twice leaves one effect."""

import time

from django.db import transaction
from django_tasks import task

from marketplace.core.models import Heartbeat


@task(takes_context=True)
def slow_effect(context, seconds: float) -> str:
    key = str(context.task_result.id)
    Heartbeat.objects.update_or_create(
        name=f"fault:started:{key}:{time.time()}", defaults={"beat_at": _now()}
    )
    if len(context.task_result.worker_ids) <= 1:  # the first attempt waits for the kill
        time.sleep(seconds)
    with transaction.atomic():
        Heartbeat.objects.get_or_create(name=f"fault:effect:{key}", defaults={"beat_at": _now()})
    return key


def _now():
    from django.utils import timezone

    return timezone.now()
