from django.core.management.base import BaseCommand, CommandError

from marketplace.core import signing
from regulation import audit, merkle
from regulation.models import TreeHead


class Command(BaseCommand):
    help = "Verify the whole audit log: every leaf, every signed tree head, and consistency between heads."

    def handle(self, *args, **options):
        entries, heads = audit.export_for_verification()
        problems = audit.verify_log(entries, heads, signing.public_key_pem(audit.SIGNING_KEY))
        # Consistency between successive heads, with the proofs the API serves.
        ordered = list(TreeHead.objects.order_by("tree_size"))
        for older, newer in zip(ordered, ordered[1:], strict=False):
            if older.tree_size == 0 or older.tree_size == newer.tree_size:
                continue
            path = audit.consistency_proof(older.tree_size, newer.tree_size)
            if not merkle.verify_consistency(
                older.tree_size,
                newer.tree_size,
                bytes.fromhex(older.root_hash),
                bytes.fromhex(newer.root_hash),
                path,
            ):
                problems.append(f"heads {older.tree_size} → {newer.tree_size} are not consistent")
        for problem in problems:
            self.stderr.write(f"FAILED: {problem}")
        if problems:
            raise CommandError(f"The audit log did not verify ({len(problems)} problems).")
        self.stdout.write(
            self.style.SUCCESS(f"Verified {len(entries)} entries against {len(heads)} signed tree heads.")
        )
