import time

from django.core.management.base import BaseCommand

from listings.models import Listing
from search import services
from search.engines import configured_engine


class Command(BaseCommand):
    help = "Build a fresh search index from the database and switch to it without downtime."

    def handle(self, *args, **options):
        engine = configured_engine()
        total = Listing.objects.filter(status=Listing.Status.PUBLISHED).count()
        started = time.monotonic()
        self.stdout.write(f"Rebuilding the {engine.name} index: {total} listings")

        def progress(done: int) -> None:
            width = 30
            filled = int(width * done / total) if total else width
            self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
            self.stdout.flush()

        summary = services.rebuild_index(progress=progress)
        elapsed = time.monotonic() - started
        rate = summary["indexed"] / elapsed if elapsed else 0
        self.stdout.write("")
        replaced = ", ".join(summary.get("replaced", [])) or "none"
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {summary['indexed']} listings into {summary['index']} in {elapsed:.1f} s "
                f"({rate:.0f} docs/s); replaced: {replaced}"
            )
        )
