from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from marketplace.geography.models import SupervisionOffice
from regulation.models import RegulatorClient


class Command(BaseCommand):
    help = "Create a bureau API client (prints its key once), rotate its key, or revoke it."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "rotate", "revoke"])
        parser.add_argument("name")
        parser.add_argument("--office", help="Supervision office name (create).")
        parser.add_argument("--push-url", default="")
        parser.add_argument("--scopes", default="feed:read")

    def handle(self, *args, action, name, office, push_url, scopes, **options):
        if action == "create":
            place = SupervisionOffice.objects.filter(name=office).first()
            if place is None:
                raise CommandError("Give an existing --office.")
            client, key = self._new(name=name, office=place, push_url=push_url, scopes=scopes.split(","))
        else:
            client = RegulatorClient.objects.filter(name=name, revoked_at__isnull=True).first()
            if client is None:
                raise CommandError(f"No active client named {name}.")
            client.revoked_at = timezone.now()
            client.save(update_fields=["revoked_at"])
            if action == "revoke":
                self.stdout.write(f"revoked {name}")
                return
            client, key = self._new(
                name=name, office=client.office, push_url=client.push_url, scopes=client.scopes
            )
        self.stdout.write(f"{action}d {name}; API key (shown once): {key}")

    @staticmethod
    def _new(**fields):
        key = RegulatorClient.new_key()
        client = RegulatorClient.objects.create(
            key_prefix=key[:12], key_hash=RegulatorClient.hash_key(key), **fields
        )
        return client, key
