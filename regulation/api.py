"""The bureau's feed API: versioned JSON under /api/regulator/v1/, API keys per client, cursor paging.

Authorization: Bearer <key>. Keys are stored only as SHA-256 hashes; rotating one means issuing a
new client key and revoking the old (see `manage.py regulator_client`).
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from marketplace.core import signing

from . import audit
from .models import AuditEntry, AuditLogHead, RegulatorClient, TreeHead

PAGE_MAX = 500


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


@requires("feed:read")
def entries(request):
    """Entries after the cursor (an index), oldest first."""
    after, limit = _int(request, "after", -1), _int(request, "limit", 100)
    if after is None or limit is None or not 1 <= limit <= PAGE_MAX:
        return _error(400, f"after must be an integer and limit between 1 and {PAGE_MAX}")
    page = list(AuditEntry.objects.filter(index__gt=after).order_by("index")[:limit])
    next_cursor = page[-1].index if len(page) == limit else None
    return JsonResponse(
        {
            "entries": [audit.entry_json(e) for e in page],
            "next_after": next_cursor,
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
    after = _int(request, "after", -1)
    if after is None:
        return _error(400, "after must be an integer")
    rows = TreeHead.objects.filter(tree_size__gt=after).order_by("tree_size", "timestamp")[:PAGE_MAX]
    return JsonResponse({"tree_heads": [audit.tree_head_json(h) for h in rows]})


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
    return JsonResponse(
        {
            "key_id": signing.key_id(audit.SIGNING_KEY),
            "public_key": signing.public_key_pem(audit.SIGNING_KEY),
            "algorithm": "Ed25519",
            "log_id": settings.AUDIT_LOG_ID,
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
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": PAGE_MAX}},
    ]
    return JsonResponse(
        {
            "openapi": "3.1.0",
            "info": {
                "title": "Nankai marketplace audit feed",
                "version": "1.0.0",
                "description": "Append-only Merkle-tree log (RFC 9162): entries, signed tree heads, proofs. "
                "Leaves are canonical JSON; leaf hash = SHA-256(0x00 || leaf).",
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
                "/tree-heads": {"get": {"security": bearer, "parameters": cursor[:1], "responses": ok}},
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
