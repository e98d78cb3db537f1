import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from appraisal.reports import verify_bundle


class Command(BaseCommand):
    help = "Verify an appraisal report offline: its signed data file, optionally its PDF, and the public key."

    def add_arguments(self, parser):
        parser.add_argument(
            "bundle", help="The report's signed data (report.json from its verification page)."
        )
        parser.add_argument("--pdf", help="The report's PDF, to check it is the one issued.")
        parser.add_argument(
            "--public-key", help="PEM file of the signing key; defaults to the one in the bundle."
        )

    def handle(self, *args, bundle, pdf, public_key, **options):
        try:
            data = json.loads(Path(bundle).read_text(encoding="utf-8"))
            key = Path(public_key).read_text() if public_key else data["public_key"]
            pdf_bytes = Path(pdf).read_bytes() if pdf else None
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"Cannot read the input: {exc}") from None
        problems = verify_bundle(data, public_key=key, pdf=pdf_bytes)
        if problems:
            for problem in problems:
                self.stderr.write(f"FAILED: {problem}")
            raise CommandError(f"Report {data.get('number')} did not verify.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Report {data['number']} verified: signature valid, certificate valid"
                + (", PDF is the one issued" if pdf else "")
            )
        )
