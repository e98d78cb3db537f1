"""`db_worker` with a heartbeat: a thread records every HEARTBEAT_SECONDS that this worker is alive."""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from marketplace.core.background import beat

logger = logging.getLogger("marketplace.worker")


class Command(DBWorkerCommand):
    help = "Run the task worker (django-tasks-db) and keep its heartbeat for /healthz."

    def handle(self, *args, worker_id: str, **options):
        stop = threading.Event()
        name = f"worker:{worker_id}"[:100]
        started = timezone.now()

        def keep_beating():
            while not stop.is_set():
                try:
                    beat(name, started_at=started)
                except Exception:  # the database may be restarting; the next beat will tell
                    logger.warning("heartbeat of %s not recorded", name, exc_info=True)
                finally:
                    close_old_connections()
                stop.wait(settings.HEARTBEAT_SECONDS)

        thread = threading.Thread(target=keep_beating, name="heartbeat", daemon=True)
        thread.start()
        try:
            # Never under the autoreloader: its parent would beat for a child it cannot see die.
            super().handle(*args, worker_id=worker_id, **options | {"reload": False})
        finally:
            stop.set()
