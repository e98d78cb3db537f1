import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from appraisal.models import Comparable
from appraisal.pricing import csvrows
from appraisal.pricing.backtest import backtest, table


class Command(BaseCommand):
    help = (
        "Time-ordered backtest: train on the sales before a date (default: the oldest 80 %), value the later "
        "ones, and print MAPE, median APE, RMSE of log price and 80 % range coverage per category and per "
        "method. Reads the comparable sales in the database, or FILE: any CSV in import_comparables' columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?")
        parser.add_argument("--until", type=dt.date.fromisoformat, help="Train on sales up to this date.")
        parser.add_argument("--test-share", type=float, default=0.2)

    def handle(self, *args, file=None, until=None, test_share=0.2, **options):
        try:
            if file:
                with open(file, newline="", encoding="utf-8-sig") as handle:
                    sales = [csvrows.record(r) for r in csvrows.read_rows(handle, sold=True)]
            else:
                sales = [csvrows.record(c) for c in Comparable.objects.all()]
        except (OSError, csvrows.RowError) as exc:
            raise CommandError(str(exc)) from None
        measurements, trained, tested = backtest(sales, test_share=test_share, until=until)
        if not tested or not trained:
            raise CommandError("Nothing to train on or nothing to test.")
        self.stdout.write(f"Trained on {trained} sales, tested on the {tested} sold after them")
        for line in table(measurements):
            self.stdout.write(line)
