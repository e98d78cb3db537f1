import os
import uuid

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from search.relevance import data, runner


class Command(BaseCommand):
    help = (
        "Load the judged relevance catalogue into an engine and print recall@24, NDCG@10 and the "
        "zero-result rate. Nothing is kept: listings are rolled back, cluster indices deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine", choices=["database", "opensearch", "elasticsearch"], default="database"
        )
        parser.add_argument("--url", default="", help="Cluster URL (default SEARCH_URL or OPENSEARCH_URL).")
        parser.add_argument("--split", choices=data.SPLITS, default="all")
        parser.add_argument(
            "--failures", type=int, default=0, help="Show the N weakest tuning queries (never held-out ones)."
        )
        parser.add_argument("--check", action="store_true", help="Exit 1 if a figure is below its floor.")

    def handle(self, *args, engine, url, split, failures, check, **options):
        built, prefix = self._engine(engine, url)
        try:
            with transaction.atomic():
                results = runner.measure(built, splits=_splits(split))
                transaction.set_rollback(True)
        finally:
            if prefix:
                built.drop_indices()
        floors = data.floors().get(engine, {})
        below = []
        self.stdout.write(
            f"{'engine':<14}{'split':<9}{'queries':>8}{'recall@24':>11}{'NDCG@10':>9}{'zero':>8}"
        )
        for part, figures in results.items():
            self.stdout.write(
                f"{built.name:<14}{part:<9}{figures.queries:>8}{figures.recall_at_24:>11.3f}"
                f"{figures.ndcg_at_10:>9.3f}{figures.zero_result_rate:>8.3f}"
            )
            below += [f"{part} {name}" for name in runner.below_floor(figures, floors.get(part, {}))]
        if failures and "tuning" in results:
            self._show_failures(results["tuning"], failures)
        if check and below:
            raise CommandError(f"Below the recorded floor: {', '.join(below)}")

    def _engine(self, kind: str, url: str):
        if kind == "database":
            from search.engines.database import DatabaseEngine

            return DatabaseEngine(), None
        url = url or settings.SEARCH_URL or os.environ.get("OPENSEARCH_URL", "")
        if not url:
            raise CommandError("Give --url (or set SEARCH_URL) for a cluster engine.")
        prefix = f"relevance-{uuid.uuid4().hex[:8]}"
        if kind == "opensearch":
            from search.engines.opensearch import OpenSearchEngine

            return OpenSearchEngine(url, prefix=prefix, timeout=60), prefix
        from search.engines.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(url, prefix=prefix, timeout=60), prefix

    def _show_failures(self, figures, count: int) -> None:
        self.stdout.write("\nweakest tuning queries (recall, NDCG, total, first results):")
        weakest = sorted(figures.outcomes, key=lambda o: (o.recall + o.ndcg, o.text))[:count]
        for outcome in weakest:
            missing = sorted(
                {k.rsplit("-", 1)[0] for k, g in outcome.grades.items() if g}
                - {k.rsplit("-", 1)[0] for k in outcome.ranked[:24]}
            )
            self.stdout.write(
                f"  {outcome.text:<16} {outcome.recall:.2f} {outcome.ndcg:.2f} {outcome.total:>4} "
                f"{' '.join(outcome.ranked[:6])}  missing: {' '.join(missing[:8])}"
            )


def _splits(split: str) -> list[str]:
    return ["tuning", "heldout"] if split == "all" else [split]
