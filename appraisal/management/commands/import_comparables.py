import time

from django.core.management.base import BaseCommand, CommandError

from appraisal.batch import RowError, import_comparables


class Command(BaseCommand):
    help = "Import comparable sales from a CSV file (see appraisal/batch.py for the columns)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        started = time.monotonic()
        try:
            with open(file, newline="", encoding="utf-8") as handle:
                count = import_comparables(handle, progress=lambda n: self.stdout.write(f"imported {n}"))
        except (OSError, RowError) as exc:
            raise CommandError(f"Nothing imported: {exc}") from None
        self.stdout.write(
            self.style.SUCCESS(f"Imported {count} comparables in {time.monotonic() - started:.1f} s")
        )
