"""Periodic tasks: which task runs how often, and the enqueueing of those that are due.

django-tasks has no scheduler of its own. `manage.py run_scheduler` calls `enqueue_due` in a
loop; the `ScheduledJob` row lock makes it safe to run more than one scheduler.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledJob

PERIODIC_TASKS: dict[str, dt.timedelta] = {
    "listings.tasks.expire_listings": dt.timedelta(minutes=15),
    "marketplace.accounts.tasks.purge_identity_records": dt.timedelta(days=1),
    "marketplace.orders.tasks.expire_unpaid_orders": dt.timedelta(minutes=5),
    # Retries index updates that failed while the search engine was down.
    "search.tasks.process_search_outbox": dt.timedelta(minutes=1),
    "search.tasks.send_saved_search_digests": dt.timedelta(minutes=30),
    "community_events.tasks.expire_waitlist_offers": dt.timedelta(minutes=10),
    "community_events.tasks.send_event_reminders": dt.timedelta(hours=1),
    "regulation.tasks.publish_tree_head": dt.timedelta(minutes=10),
    "regulation.tasks.deliver_pushes": dt.timedelta(minutes=1),
    "regulation.tasks.restore_expired_ip_notices": dt.timedelta(hours=1),
    "regulation.tasks.half_yearly_reports": dt.timedelta(hours=12),
    "marketplace.orders.tasks.auto_receive_orders": dt.timedelta(hours=1),
    "marketplace.orders.tasks.settle_expiring_authorisations": dt.timedelta(hours=1),
}


def enqueue_due(
    *, now: dt.datetime | None = None, schedule: dict[str, dt.timedelta] | None = None
) -> list[str]:
    """Enqueue every task whose interval has passed since it was last enqueued. Returns their paths."""
    now = now or timezone.now()
    enqueued = []
    for path, interval in (schedule or PERIODIC_TASKS).items():
        ScheduledJob.objects.get_or_create(name=path)
        with transaction.atomic():
            job = ScheduledJob.objects.select_for_update().get(name=path)
            if job.last_enqueued_at and job.last_enqueued_at > now - interval:
                continue
            job.last_enqueued_at = now
            job.save(update_fields=["last_enqueued_at"])
            task = import_string(path)
            transaction.on_commit(task.enqueue)
            enqueued.append(path)
    return enqueued
