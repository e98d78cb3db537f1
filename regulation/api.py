"""The bureau's feed API: versioned JSON under /api/regulator/v1/, API keys per client, cursor paging.

Authorization: Bearer <key>. Keys are stored only as SHA-256 hashes; rotating one means issuing a
new client key and revoking the old (see `manage.py regulator_client`).
"""

from __future__ import annotations

import json
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from appraisal.models import AppraisalCase, AppraisalReport
from listings.models import Listing
from marketplace.core import keys
from marketplace.geography.models import Street

from . import audit, sequencer
from .models import AuditEntry, AuditLogHead, Flag, IPNotice, RegulatorClient, TreeHead

# Entry fields that name something with a place, most specific first; an entry naming none of them
# (a tree head, a half-yearly report) is shared with every client.
PLACE_FIELDS = ("district", "street", "flag", "notice", "listing", "case", "report")


def page_max() -> int:
    """The most entries or tree heads one page holds (AUDIT_FEED_PAGE_SIZE); `next` leads on."""
    return settings.AUDIT_FEED_PAGE_SIZE


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def client_for(request) -> RegulatorClient | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    key = header[7:].strip()
    client = RegulatorClient.objects.filter(key_prefix=key[:12], revoked_at__isnull=True).first()
    if client is None or client.key_hash != RegulatorClient.hash_key(key):
        return None
    return client


def requires(scope: str):
    def decorator(view):
        @wraps(view)
        @require_GET
        def wrapped(request, *args, **kwargs):
            client = client_for(request)
            if client is None:
                return _error(401, "missing, unknown or revoked API key")
            if scope not in client.scopes:
                return _error(403, f"this key lacks the scope {scope}")
            request.regulator_client = client
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _int(request, name: str, default: int | None = None) -> int | None:
    value = request.GET.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return None


def _districts(data_list: list[dict]) -> list[str | None]:
    """The district code each entry belongs to (None: shared with everyone), resolved in a few queries.
    A reference that cannot be resolved counts as belonging to no client's district."""
    named = [_place(data) for data in data_list]
    wanted: dict[str, set] = {field: set() for field in PLACE_FIELDS}
    for field, value in named:
        if field is not None and value is not None:
            wanted[field].add(value)
    found: dict[str, dict] = {"district": {code: code for code in wanted["district"]}}
    found["street"] = dict(
        Street.objects.filter(code__in=wanted["street"]).values_list("code", "district__code")
    )
    found["flag"] = dict(Flag.objects.filter(pk__in=wanted["flag"]).values_list("pk", "district_code"))
    place = "listing__community__street__district__code"
    found["notice"] = dict(IPNotice.objects.filter(pk__in=wanted["notice"]).values_list("pk", place))
    found["listing"] = dict(
        Listing.objects.filter(pk__in=wanted["listing"]).values_list(
            "pk", "community__street__district__code"
        )
    )
    found["case"] = dict(AppraisalCase.objects.filter(pk__in=wanted["case"]).values_list("pk", place))
    found["report"] = dict(
        AppraisalReport.objects.filter(number__in=wanted["report"]).values_list("number", f"case__{place}")
    )
    return [None if field is None else found[field].get(value) or "?" for field, value in named]


CODE_FIELDS = ("district", "street", "report")


def _place(data: dict) -> tuple[str | None, str | int | None]:
    """The first field of the entry that names a place, and its value; (field, None) when the value is
    not a plain id or code (such an entry is withheld, never shared)."""
    for field in PLACE_FIELDS:
        value = data.get(field)
        if value is not None:
            kind = str if field in CODE_FIELDS else int
            valid = isinstance(value, kind) and not isinstance(value, bool)
            return field, value if valid else None
    return None, None


def visible_entries(client: RegulatorClient, entries: list[AuditEntry]) -> list[dict]:
    """Entries as this client may read them: its office's district and shared entries in full; any
    other district's entries withheld (index and leaf hash only), so the tree still verifies."""
    own = client.office.district.code
    codes = _districts([json.loads(entry.canonical).get("data") or {} for entry in entries])
    shown = []
    for entry, code in zip(entries, codes, strict=True):
        item = audit.entry_json(entry)
        if code is not None and code != own:
            item = {"index": item["index"], "leaf": None, "leaf_hash": item["leaf_hash"], "withheld": True}
        shown.append(item)
    return shown


def _next(request, name: str, after: int | None, **params) -> str | None:
    if after is None:
        return None
    return request.build_absolute_uri(reverse(name)) + "?" + urlencode({"after": after, **params})


def _page(request) -> tuple[int | None, int | None]:
    after, limit = _int(request, "after", -1), _int(request, "limit", page_max())
    if limit is not None:
        limit = min(limit, page_max())
    if after is None or limit is None or limit < 1:
        return None, None
    return after, limit


@requires("feed:read")
def entries(request):
    """Entries after the cursor (an index), oldest first; `next` is the following page, or null."""
    after, limit = _page(request)
    if after is None:
        return _error(400, "after must be an integer and limit a positive integer")
    page = list(AuditEntry.objects.filter(index__gt=after).order_by("index")[:limit])
    next_cursor = page[-1].index if len(page) == limit else None
    return JsonResponse(
        {
            "entries": visible_entries(request.regulator_client, page),
            "next_after": next_cursor,
            "next": _next(request, "regulation_api:entries", next_cursor, limit=limit),
            "tree_size": AuditLogHead.objects.get(pk=1).size,
        }
    )


@requires("feed:read")
def latest_head(request):
    head = TreeHead.objects.order_by("-tree_size", "-timestamp").first()
    if head is None:
        return _error(404, "no tree head published yet")
    return JsonResponse(audit.tree_head_json(head))


@requires("feed:read")
def heads(request):
    """Signed tree heads after the cursor (a tree size), smallest first; `next` is the following page.
    A head is never published twice for one size, so the size is a complete cursor."""
    after, limit = _page(request)
    if after is None:
        return _error(400, "after must be an integer and limit a positive integer")
    rows = list(TreeHead.objects.filter(tree_size__gt=after).order_by("tree_size", "timestamp")[:limit])
    next_cursor = rows[-1].tree_size if len(rows) == limit else None
    return JsonResponse(
        {
            "tree_heads": [audit.tree_head_json(h) for h in rows],
            "next_after": next_cursor,
            "next": _next(request, "regulation_api:heads", next_cursor, limit=limit),
        }
    )


def _published_size(size: int | None) -> bool:
    return size is not None and TreeHead.objects.filter(tree_size=size).exists()


@requires("feed:read")
def inclusion(request):
    index, size = _int(request, "index"), _int(request, "tree_size")
    if index is None or not _published_size(size) or not 0 <= index < size:
        return _error(400, "index must lie inside a published tree_size")
    path = audit.inclusion_proof(index, size)
    return JsonResponse({"leaf_index": index, "tree_size": size, "audit_path": [audit.b64(h) for h in path]})


@requires("feed:read")
def consistency(request):
    first, second = _int(request, "first"), _int(request, "second")
    if not (_published_size(first) and _published_size(second)) or not 0 < first <= second:
        return _error(400, "first and second must be published tree sizes with 0 < first <= second")
    path = audit.consistency_proof(first, second)
    return JsonResponse({"first": first, "second": second, "consistency": [audit.b64(h) for h in path]})


@require_GET
def public_key(request):
    """The key signing now, and every audit key ever used (retired and revoked too). Fetched keys are
    for convenience: a verifier accepts only those whose fingerprint it pinned."""
    published = keys.published(audit.SIGNING_KEY)
    current = keys.current(audit.SIGNING_KEY)
    return JsonResponse(
        {
            "key_id": current.key_id,
            "public_key": current.public_key,
            "fingerprint_sha256": current.fingerprint,
            "algorithm": "Ed25519",
            "log_id": settings.AUDIT_LOG_ID,
            "max_merge_delay_seconds": sequencer.max_merge_delay(),
            **published.document(),
        }
    )


@require_GET
def openapi(request):
    base = request.build_absolute_uri(reverse("regulation_api:entries")).rsplit("/entries", 1)[0]
    bearer = [{"bearer": []}]
    ok = {
        "200": {"description": "OK"},
        "400": {"description": "Bad parameters"},
        "401": {"description": "No valid key"},
        "403": {"description": "Scope missing"},
    }
    cursor = [
        {"name": "after", "in": "query", "schema": {"type": "integer"}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": page_max()}},
    ]
    return JsonResponse(
        {
            "openapi": "3.1.0",
            "info": {
                "title": "Nankai marketplace audit feed",
                "version": "1.0.0",
                "description": "Append-only Merkle-tree log (RFC 9162): entries, signed tree heads, proofs. "
                "Leaves are canonical JSON; leaf hash = SHA-256(0x00 || leaf). Every committed entry is "
                "in the tree within the maximum merge delay published with the key.",
            },
            "servers": [{"url": base}],
            "components": {
                "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
                "schemas": {
                    "Entry": {
                        "type": "object",
                        "required": ["index", "leaf", "leaf_hash"],
                        "properties": {
                            "index": {"type": "integer"},
                            "leaf": {"type": "string"},
                            "leaf_hash": {"type": "string", "format": "byte"},
                        },
                    },
                    "TreeHead": {
                        "type": "object",
                        "properties": {
                            "tree_size": {"type": "integer"},
                            "timestamp": {"type": "integer"},
                            "sha256_root_hash": {"type": "string", "format": "byte"},
                            "signature": {"type": "string"},
                            "key_id": {"type": "string"},
                            "log_id": {"type": "string"},
                        },
                    },
                },
            },
            "paths": {
                "/entries": {"get": {"security": bearer, "parameters": cursor, "responses": ok}},
                "/tree-heads": {"get": {"security": bearer, "parameters": cursor, "responses": ok}},
                "/tree-heads/latest": {"get": {"security": bearer, "responses": ok}},
                "/proofs/inclusion": {
                    "get": {
                        "security": bearer,
                        "responses": ok,
                        "parameters": [
                            {"name": "index", "in": "query", "required": True, "schema": {"type": "integer"}},
                            {
                                "name": "tree_size",
                                "in": "query",
                                "required": True,
                                "schema": {"type": "integer"},
                            },
                        ],
                    }
                },
                "/proofs/consistency": {
                    "get": {
                        "security": bearer,
                        "responses": ok,
                        "parameters": [
                            {"name": "first", "in": "query", "required": True, "schema": {"type": "integer"}},
                            {
                                "name": "second",
                                "in": "query",
                                "required": True,
                                "schema": {"type": "integer"},
                            },
                        ],
                    }
                },
                "/public-key": {
                    "get": {"responses": {"200": {"description": "The Ed25519 key that signs heads"}}}
                },
            },
            "generated_at": timezone.now().isoformat(),
        }
    )
