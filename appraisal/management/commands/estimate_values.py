import csv
import time

from django.core.management.base import BaseCommand, CommandError

from appraisal.batch import RowError, estimate_rows, read_rows

COLUMNS = [
    "category",
    "brand",
    "model",
    "attributes",
    "new_price",
    "age_days",
    "condition",
    "estimate",
    "low",
    "high",
    "market",
    "cost",
]


class Command(BaseCommand):
    help = "Estimate values for every row of IN.csv and write them to OUT.csv."

    def add_arguments(self, parser):
        parser.add_argument("input")
        parser.add_argument("output")

    def handle(self, *args, input, output, **options):
        started = time.monotonic()
        try:
            with open(input, newline="", encoding="utf-8") as handle:
                rows = list(read_rows(handle, sold=False))
        except (OSError, RowError) as exc:
            raise CommandError(str(exc)) from None
        total = len(rows)
        results = estimate_rows(rows, progress=lambda n: self.stdout.write(f"estimated {n}/{total}"))
        with open(output, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(results)
        missing = sum(1 for r in results if r["estimate"] == "")
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {total} estimates to {output} in {time.monotonic() - started:.1f} s "
                f"({missing} without a figure)"
            )
        )
