import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from appraisal.reports import verify_bundle
from appraisal.signing import PURPOSE, keyset
from marketplace.core import signing


class Command(BaseCommand):
    help = (
        "Verify an appraisal report offline: its signed data file, optionally its PDF, against a pinned key "
        "(a fingerprint, a key-set file or a PEM file; by default the keys of this installation). The key "
        "inside the data file is never trusted by itself: a report signed by any other key is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "bundle", help="The report's signed data (report.json from its verification page)."
        )
        parser.add_argument("--pdf", help="The report's PDF, to check it is the one issued.")
        pin = parser.add_mutually_exclusive_group()
        pin.add_argument(
            "--key-fingerprint",
            action="append",
            help="SHA-256 fingerprint of a key to accept (as published, and printed on reports); repeatable.",
        )
        pin.add_argument("--keyset", help="A key-set file saved from /keys.json: only its keys are accepted.")
        pin.add_argument("--public-key", help="PEM file of the one key to accept.")

    def handle(self, *args, bundle, pdf, key_fingerprint, keyset, public_key, **options):
        try:
            data = json.loads(Path(bundle).read_text(encoding="utf-8"))
            pdf_bytes = Path(pdf).read_bytes() if pdf else None
            pinned = self._pinned(data, key_fingerprint, keyset, public_key)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"Cannot read the input: {exc}") from None
        problems = verify_bundle(data, keyset=pinned, pdf=pdf_bytes)
        if problems:
            for problem in problems:
                self.stderr.write(f"FAILED: {problem}")
            raise CommandError(f"Report {data.get('number')} did not verify.")
        key = pinned.keys[data["key_id"]]
        self.stdout.write(
            self.style.SUCCESS(
                f"Report {data['number']} verified: signature valid (key {key.key_id}, {key.status}, "
                f"SHA256:{signing.grouped(key.fingerprint)}), certificate valid"
                + (", PDF is the one issued" if pdf else "")
            )
        )

    @staticmethod
    def _pinned(data: dict, fingerprints, keyset_file, pem_file) -> signing.KeySet:
        if keyset_file:
            return signing.KeySet.from_document(json.loads(Path(keyset_file).read_text(encoding="utf-8")))
        if pem_file:
            return signing.KeySet(
                [signing.PublishedKey.from_pem(Path(pem_file).read_text(), purpose=PURPOSE)]
            )
        registry = keyset()
        if not fingerprints:
            return registry
        # What this installation knows of the pinned keys (validity, revocation) wins; a pinned key it
        # does not know is taken from the bundle, which is safe only because its fingerprint is pinned.
        known = registry.only(fingerprints)
        if data.get("public_key") and data.get("key_id") not in known.keys:
            candidate = signing.KeySet([signing.PublishedKey.from_pem(data["public_key"], purpose=PURPOSE)])
            known = signing.KeySet([*known.keys.values(), *candidate.only(fingerprints).keys.values()])
        return known
