from django.core.management.base import BaseCommand

from marketplace.core import signing
from marketplace.core.models import SigningKey
from regulation import audit


class Command(BaseCommand):
    help = "Sign and publish a tree head for the audit log's current size."

    def handle(self, *args, **options):
        head = audit.publish_tree_head()
        key = SigningKey.objects.filter(key_id=head.key_id).first()
        fingerprint = f" (SHA256:{signing.grouped(key.fingerprint)})" if key else ""
        self.stdout.write(
            f"tree head: size {head.tree_size}, root {head.root_hash}, "
            f"signed with key {head.key_id}{fingerprint}"
        )
