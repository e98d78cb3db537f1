import json

from django.core.management.base import BaseCommand, CommandError

from regulation import services


class Command(BaseCommand):
    help = "Generate the half-yearly seller identity report or the illegal-conduct leads (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["identity", "leads"])
        parser.add_argument("period", help="e.g. 2026H2")
        parser.add_argument("--output", help="Write the JSON here as well.")

    def handle(self, *args, kind, period, output, **options):
        try:
            report = (services.identity_report if kind == "identity" else services.leads_report)(period)
        except services.RegulationError as exc:
            raise CommandError(str(exc.message)) from None
        text = json.dumps(report.payload, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        count = len(report.payload.get("sellers", report.payload.get("leads", [])))
        self.stdout.write(self.style.SUCCESS(f"{kind} report for {period}: {count} records"))
