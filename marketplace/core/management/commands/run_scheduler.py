import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils import timezone

from marketplace.core.background import beat, requeue_abandoned_tasks
from marketplace.core.scheduler import enqueue_due

logger = logging.getLogger("marketplace.scheduler")


class Command(BaseCommand):
    help = "Enqueue periodic tasks when they are due (run beside the task worker). Never stops on an error."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and exit.")
        parser.add_argument("--interval", type=float, default=30, help="Seconds between checks.")

    def handle(self, *args, once, interval, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        started = timezone.now()
        while self.running:
            try:
                beat("scheduler", started_at=started)
                for task_id in requeue_abandoned_tasks():
                    self.stdout.write(
                        f"{timezone.now():%Y-%m-%d %H:%M:%S} queued again abandoned task {task_id}"
                    )
                for path in enqueue_due():
                    self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} enqueued {path}")
            except Exception:
                # A locked or restarting database, a broken task path: log it with its traceback and
                # try again on the next pass. The scheduler itself must not end.
                logger.exception("scheduler pass failed; trying again in %ss", interval)
            finally:
                if not connection.in_atomic_block:  # (inside a test's transaction there is nothing to renew)
                    close_old_connections()
            if once:
                return
            time.sleep(interval)

    def _stop(self, signum, frame):
        self.running = False
