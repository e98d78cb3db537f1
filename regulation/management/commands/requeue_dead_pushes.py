from django.core.management.base import BaseCommand, CommandError

from regulation import push
from regulation.models import PushDelivery, RegulatorClient


class Command(BaseCommand):
    help = "Send dead pushes to the bureau again, from the first attempt (after its endpoint was fixed)."

    def add_arguments(self, parser):
        parser.add_argument("--client", help="Only this client's dead pushes (its name).")
        parser.add_argument("--dry-run", action="store_true", help="Count them, change nothing.")

    def handle(self, *args, client, dry_run, **options):
        target = None
        if client:
            target = RegulatorClient.objects.filter(name=client, revoked_at__isnull=True).first()
            if target is None:
                raise CommandError(f"No active client named {client}.")
        dead = PushDelivery.objects.filter(status=PushDelivery.Status.DEAD)
        if target is not None:
            dead = dead.filter(client=target)
        if dry_run:
            self.stdout.write(f"{dead.count()} dead pushes would be sent again")
            return
        self.stdout.write(self.style.SUCCESS(f"{push.requeue_dead(target)} dead pushes queued again"))
