import time

from django.core.management.base import BaseCommand, CommandError

from appraisal.pricing import csvrows
from appraisal.pricing.bulk import import_comparables
from appraisal.services import valuing


class Command(BaseCommand):
    help = (
        "Import comparable sales from a CSV file, all lines or none. Columns: category, age_days, "
        "sold_price, sold_at (YYYY-MM-DD) required; brand, model, attributes (JSON object), new_price, "
        "condition (like_new, 99, 95, 90, 80, 70 or empty = unknown) optional; any other column "
        "(storage, ram, screen_size, battery, release_year, mileage_km, os …) is kept as an attribute. "
        "See appraisal/pricing/README.md. "
        "Trains a new valuation model when enough new sales arrived."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--no-train", action="store_true", help="Do not retrain the valuation model.")

    def handle(self, *args, file, no_train=False, **options):
        started = time.monotonic()
        try:
            with open(file, newline="", encoding="utf-8-sig") as handle:
                count = import_comparables(handle, progress=lambda n: self.stdout.write(f"imported {n}"))
        except (OSError, csvrows.RowError) as exc:
            raise CommandError(f"Nothing imported: {exc}") from None
        model = None if no_train else valuing.retrain_if_due()
        if model is not None:
            self.stdout.write(f"Trained valuation model v{model.version} on {model.sample_size} sales")
        self.stdout.write(
            self.style.SUCCESS(f"Imported {count} comparables in {time.monotonic() - started:.1f} s")
        )
