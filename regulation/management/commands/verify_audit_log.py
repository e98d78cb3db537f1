import base64
import json
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError

from marketplace.core import keys, signing
from regulation import audit, merkle


class Command(BaseCommand):
    help = (
        "Verify the whole audit log: every leaf, every signed tree head (against pinned keys) and the "
        "consistency between heads. Reads this installation's database, or with --api a log's feed, "
        "following its pages to the end."
    )

    def add_arguments(self, parser):
        pin = parser.add_mutually_exclusive_group()
        pin.add_argument(
            "--key-fingerprint",
            action="append",
            help="SHA-256 fingerprint of an audit key to accept; repeatable. Any other key is refused.",
        )
        pin.add_argument("--keyset", help="A key-set file saved from /keys.json: only its audit keys count.")
        pin.add_argument("--public-key", help="PEM file of the one key to accept.")
        parser.add_argument("--api", help="The feed's base URL (…/api/regulator/v1) instead of the database.")
        parser.add_argument("--api-key", help="An API key with the feed:read scope (with --api).")

    def handle(self, *args, key_fingerprint, keyset, public_key, api, api_key, **options):
        if api and not api_key:
            raise CommandError("--api needs --api-key.")
        if api and not (key_fingerprint or keyset or public_key):
            raise CommandError(
                "Pin the log's key (--key-fingerprint, --keyset or --public-key) to read it by --api."
            )
        source = _Feed(api, api_key) if api else _Database()
        try:
            pinned = self._pinned(source, key_fingerprint, keyset, public_key)
            entries, heads = source.entries(), source.heads()
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"Cannot read the log or the keys: {exc}") from None
        problems = audit.verify_log(entries, heads, pinned)
        for older, newer in zip(heads, heads[1:], strict=False):
            if older["tree_size"] in (0, newer["tree_size"]):
                continue
            path = source.consistency(older["tree_size"], newer["tree_size"])
            if not merkle.verify_consistency(
                older["tree_size"],
                newer["tree_size"],
                base64.b64decode(older["sha256_root_hash"]),
                base64.b64decode(newer["sha256_root_hash"]),
                path,
            ):
                problems.append(f"heads {older['tree_size']} → {newer['tree_size']} are not consistent")
        for problem in problems:
            self.stderr.write(f"FAILED: {problem}")
        if problems:
            raise CommandError(f"The audit log did not verify ({len(problems)} problems).")
        withheld = sum(1 for entry in entries if entry.get("leaf") is None)
        self.stdout.write(
            self.style.SUCCESS(
                f"Verified {len(entries)} entries"
                + (f" ({withheld} withheld: other districts)" if withheld else "")
                + f" against {len(heads)} signed tree heads."
            )
        )

    @staticmethod
    def _pinned(source, fingerprints, keyset_file, pem_file) -> signing.KeySet:
        if keyset_file:
            document = json.loads(Path(keyset_file).read_text(encoding="utf-8"))
            return signing.KeySet.from_document(document).for_purpose(audit.SIGNING_KEY)
        if pem_file:
            pem = Path(pem_file).read_text()
            return signing.KeySet([signing.PublishedKey.from_pem(pem, purpose=audit.SIGNING_KEY)])
        published = source.keys()
        return published.only(fingerprints) if fingerprints else published


class _Database:
    """This installation: its entries, heads and proofs, and its own key registry as the pin."""

    def __init__(self):
        self.exported: tuple[list[dict], list[dict]] | None = None

    def entries(self) -> list[dict]:
        self.exported = audit.export_for_verification()
        return self.exported[0]

    def heads(self) -> list[dict]:
        return (self.exported or audit.export_for_verification())[1]

    def consistency(self, first: int, second: int) -> list[bytes]:
        return audit.consistency_proof(first, second)

    def keys(self) -> signing.KeySet:
        return keys.published(audit.SIGNING_KEY)


class _Feed:
    """A log read through its API, page after page until `next_after` is null."""

    def __init__(self, base: str, api_key: str):
        self.base, self.api_key = base.rstrip("/"), api_key

    def _get(self, path: str, **params) -> dict:
        url = self.base + path + ("?" + urlencode(params) if params else "")
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {self.api_key}"})  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the URL the operator gave  # nosec B310 - an http(s) URL given by the operator
            return json.loads(response.read())

    def _all(self, path: str, field: str) -> list[dict]:
        items, after = [], -1
        while after is not None:
            page = self._get(path, after=after)
            items += page[field]
            after = page.get("next_after")
        return items

    def entries(self) -> list[dict]:
        return self._all("/entries", "entries")

    def heads(self) -> list[dict]:
        return self._all("/tree-heads", "tree_heads")

    def consistency(self, first: int, second: int) -> list[bytes]:
        proof = self._get("/proofs/consistency", first=first, second=second)
        return [base64.b64decode(h) for h in proof["consistency"]]

    def keys(self) -> signing.KeySet:
        """The keys the log publishes: trusted only once a pinned fingerprint selects them."""
        return signing.KeySet.from_document(self._get("/public-key")).for_purpose(audit.SIGNING_KEY)
