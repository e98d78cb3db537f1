from django.core.management.base import BaseCommand, CommandError

from marketplace.core import keys, signing


class Command(BaseCommand):
    help = (
        "Replace the key that signs appraisal reports or audit tree heads with a new one. The old key is "
        "retired, not revoked: what it signed still verifies. Publish the new fingerprint to verifiers."
    )

    def add_arguments(self, parser):
        parser.add_argument("purpose", choices=sorted(keys.SETTINGS))

    def handle(self, *args, purpose, **options):
        try:
            old, new = keys.rotate(purpose)
        except keys.SigningKeyError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"retired {old.key_id} (valid until {old.not_after:%Y-%m-%d %H:%M} UTC)")
        self.stdout.write(
            self.style.SUCCESS(
                f"{purpose}: now signing with {new.key_id}, "
                f"fingerprint SHA256:{signing.grouped(new.fingerprint)}"
            )
        )
