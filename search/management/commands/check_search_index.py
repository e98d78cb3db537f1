from django.core.management.base import BaseCommand, CommandError

from search import services


class Command(BaseCommand):
    help = "Report drift between the database and the search index (exit 1 if there is any)."

    def add_arguments(self, parser):
        parser.add_argument("--show", type=int, default=20, help="How many listing ids to print per kind.")

    def handle(self, *args, show, **options):
        drift = services.index_drift()
        for kind, ids in drift.items():
            sample = ", ".join(str(pk) for pk in ids[:show])
            self.stdout.write(f"{kind:<8} {len(ids):>6}  {sample}{' …' if len(ids) > show else ''}")
        if any(drift.values()):
            raise CommandError(
                "The index has drifted; run rebuild_search_index (or let the outbox catch up)."
            )
        self.stdout.write(self.style.SUCCESS("The index matches the database."))
