from django.core.management.base import BaseCommand, CommandError

from appraisal.services import valuing


class Command(BaseCommand):
    help = (
        "Train a new version of the valuation model on every comparable sale (per category, parent "
        "categories pooling their children) and fit the cost method's depreciation. Prints each category's "
        "error measured on sales the model had not seen."
    )

    def handle(self, *args, **options):
        model = valuing.train_valuation()
        if model is None:
            raise CommandError("Too few comparable sales to train on.")
        self.stdout.write(
            f"Valuation model v{model.version}: {model.sample_size} sales, sha256 {model.sha256}"
        )
        for category, m in model.metrics.items():
            weights = ", ".join(f"{k} {v:.0%}" for k, v in m["weights"].items())
            r = m["reconciled"]
            self.stdout.write(
                f"  {category}: {m['sales']} sales; MAPE {r['mape']:.1%}, median {r['median_ape']:.1%}, "
                f"RMSE(log) {r['rmse_log']:.3f}, 80% range held {r['coverage']:.1%}; weights {weights}"
            )
        for fit in model.depreciation.all():
            self.stdout.write(
                f"  depreciation {fit.category or '*'}: k={fit.initial_ratio}, life {fit.life_months} months "
                f"({fit.sample_size} sales)"
            )
        self.stdout.write(self.style.SUCCESS(f"Trained v{model.version}"))
