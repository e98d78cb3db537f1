from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marketplace.core.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder into the configured database, which must be empty (a fresh database), and "
        "the uploads into the configured storage; then check row counts and file hashes against the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A folder written by `manage.py backup`.")

    def handle(self, *args, source, **options):
        try:
            summary = restore(Path(source))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {summary.rows} rows in {summary.tables} tables and {summary.files} files; "
            "every count and hash matches the backup."
        )
