from django.core.management.base import BaseCommand

from regulation import audit


class Command(BaseCommand):
    help = "Sign and publish a tree head for the audit log's current size."

    def handle(self, *args, **options):
        head = audit.publish_tree_head()
        self.stdout.write(f"tree head: size {head.tree_size}, root {head.root_hash}")
