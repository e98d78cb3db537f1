import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from regulation import sequencer

logger = logging.getLogger("regulation.sequencer")


class Command(BaseCommand):
    help = (
        "Integrate the queued audit entries into the tree now. With --loop, keep doing so: a dedicated "
        "sequencer beside the after-commit fast path and the periodic task."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Run until stopped (SIGTERM).")
        parser.add_argument(
            "--interval", type=float, default=0.5, help="Seconds from the start of one pass to the next."
        )

    def handle(self, *args, loop, interval, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        while self.running:
            started, integrated = time.monotonic(), 0
            try:
                integrated = sequencer.sequence_pending()
                if integrated or not loop:
                    self.stdout.write(f"integrated {integrated} audit entries")
            except Exception:
                if not loop:
                    raise
                # A restarting database: the entries stay queued and the next pass takes them.
                logger.exception("sequencer pass failed; trying again in %ss", interval)
            finally:
                # While there is work the connection is kept: opening one per pass cost more than the pass.
                # Idle, or after a failure, it is renewed as the settings say. (Inside a test's
                # transaction there is nothing to renew.)
                if not integrated and not connection.in_atomic_block:
                    close_old_connections()
            if not loop:
                return
            # Passes start every `interval`: a slow pass (a checkpoint, a busy machine) does not add its
            # own length to the wait of what queued meanwhile.
            time.sleep(max(0.0, interval - (time.monotonic() - started)))

    def _stop(self, signum, frame):
        self.running = False
