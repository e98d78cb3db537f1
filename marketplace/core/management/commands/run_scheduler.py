import time

from django.core.management.base import BaseCommand

from marketplace.core.scheduler import enqueue_due


class Command(BaseCommand):
    help = "Enqueue periodic tasks when they are due (run beside `db_worker`)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and exit.")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between checks.")

    def handle(self, *args, once, interval, **options):
        while True:
            for path in enqueue_due():
                self.stdout.write(f"enqueued {path}")
            if once:
                return
            time.sleep(interval)
