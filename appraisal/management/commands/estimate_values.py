import csv
import time

from django.core.management.base import BaseCommand, CommandError

from appraisal.pricing import csvrows
from appraisal.pricing.bulk import OUTPUT, estimate_rows
from appraisal.services import valuing


class Command(BaseCommand):
    help = (
        "Estimate values for every row of IN.csv and write them to OUT.csv. Input columns as for "
        "import_comparables without sold_price/sold_at (condition may be empty = unknown; extra columns are "
        "attributes). Adds estimate, low, high (the 80 % range), market, cost, fitted (the model's figure), "
        "model_version and factors (the three strongest, in Chinese). Trains the model first when none is "
        "trained or enough new sales arrived."
    )

    def add_arguments(self, parser):
        parser.add_argument("input")
        parser.add_argument("output")
        parser.add_argument("--no-train", action="store_true", help="Use the model in use as it is.")

    def handle(self, *args, input, output, no_train=False, **options):
        started = time.monotonic()
        try:
            with open(input, newline="", encoding="utf-8-sig") as handle:
                rows = list(csvrows.read_rows(handle, sold=False))
        except (OSError, csvrows.RowError) as exc:
            raise CommandError(str(exc)) from None
        if not no_train and valuing.retrain_if_due() is not None:
            self.stdout.write("Trained a new valuation model on the sales imported since the last one")
        model, valuer = valuing.current_model()
        if model is not None:
            error = model.metrics
            self.stdout.write(
                f"Valuation model v{model.version} ({model.sample_size} sales): {_summary(error)}"
            )
        total = len(rows)
        results = estimate_rows(
            rows,
            valuer=valuer,
            version=model.version if model else None,
            progress=lambda n: self.stdout.write(f"estimated {n}/{total}"),
        )
        with open(output, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.DictWriter(handle, fieldnames=OUTPUT)
            writer.writeheader()
            writer.writerows(results)
        missing = sum(1 for r in results if r["estimate"] == "")
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {total} estimates to {output} in {time.monotonic() - started:.1f} s "
                f"({missing} without a figure)"
            )
        )


def _summary(metrics: dict) -> str:
    return "; ".join(
        f"{category}: MAPE {m['reconciled']['mape']:.1%}, 80% range held {m['reconciled']['coverage']:.0%}"
        for category, m in metrics.items()
    )
