from django.core.management.base import BaseCommand, CommandError

from marketplace.core import keys
from marketplace.core.models import SigningKey


class Command(BaseCommand):
    help = (
        "Revoke a signing key (lost or compromised): nothing it signed verifies any more, and verifiers "
        "are told it was revoked and why. A key in use is replaced by a new one first."
    )

    def add_arguments(self, parser):
        parser.add_argument("key_id")
        parser.add_argument("--reason", required=True)
        parser.add_argument("--dry-run", action="store_true", help="Say what would happen, change nothing.")

    def handle(self, *args, key_id, reason, dry_run, **options):
        key = SigningKey.objects.filter(key_id=key_id).first()
        if key is None:
            raise CommandError(f"No signing key {key_id}.")
        if dry_run:
            self.stdout.write(f"would revoke the {keys.status(key)} {key.purpose} key {key_id}")
            return
        try:
            key = keys.revoke(key_id, reason=reason)
        except keys.SigningKeyError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"revoked {key.purpose} key {key_id}: {key.revocation_reason}"))
