from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from marketplace.core.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploads into a new folder (default: var/backups/<time>/)."

    def add_arguments(self, parser):
        parser.add_argument("destination", nargs="?", help="A folder that does not exist yet.")

    def handle(self, *args, destination, **options):
        from django.conf import settings

        target = Path(destination or settings.VAR_DIR / "backups" / f"{timezone.now():%Y%m%d-%H%M%S}")
        try:
            summary = backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up {summary.rows} rows in {summary.tables} tables and {summary.files} files "
            f"({summary.bytes / 2**20:.1f} MiB) to {target}"
        )
