"""Signed push delivery of audit entries to a bureau endpoint, with retries, backoff and dead letters.

Each entry goes once per client with an Idempotency-Key header, so an endpoint that received a
delivery whose answer was lost can recognise the retry. The body is signed with the audit key.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from marketplace.core import signing

from .audit import SIGNING_KEY, entry_json
from .models import PushDelivery

TIMEOUT_SECONDS = 10


def _post(url: str, body: bytes, headers: dict) -> int:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - configured endpoint
        return response.status


def deliver_due(*, now: dt.datetime | None = None, limit: int = 200) -> dict[str, int]:
    now = now or timezone.now()
    outcome = {"delivered": 0, "failed": 0, "dead": 0}
    with transaction.atomic():
        due = list(
            PushDelivery.objects.select_for_update(skip_locked=True)
            .filter(status=PushDelivery.Status.PENDING, next_attempt_at__lte=now)
            .select_related("client", "entry")
            .order_by("entry__index")[:limit]
        )
    for delivery in due:
        body = json.dumps({"entry": entry_json(delivery.entry), "log_id": settings.AUDIT_LOG_ID}).encode()
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": delivery.idempotency_key,
            "X-Audit-Signature": signing.sign(body, SIGNING_KEY),
            "X-Audit-Key-Id": signing.key_id(SIGNING_KEY),
        }
        try:
            status = _post(delivery.client.push_url, body, headers)
            ok, error = 200 <= status < 300, f"HTTP {status}"
        except (urllib.error.URLError, OSError) as exc:
            ok, error = False, f"{exc.__class__.__name__}: {exc}"
        delivery.attempts += 1
        if ok:
            delivery.status, delivery.delivered_at, delivery.last_error = (
                PushDelivery.Status.DELIVERED,
                now,
                "",
            )
            outcome["delivered"] += 1
        elif delivery.attempts >= settings.AUDIT_PUSH_MAX_ATTEMPTS:
            delivery.status, delivery.last_error = PushDelivery.Status.DEAD, error[:300]
            outcome["dead"] += 1
        else:
            backoff = settings.AUDIT_PUSH_BACKOFF_SECONDS * 2 ** (delivery.attempts - 1)
            delivery.next_attempt_at = now + dt.timedelta(seconds=min(backoff, 6 * 3600))
            delivery.last_error = error[:300]
            outcome["failed"] += 1
        delivery.save(update_fields=["status", "attempts", "next_attempt_at", "last_error", "delivered_at"])
    return outcome


def requeue_dead(client=None) -> int:
    """Send dead letters again (after the bureau fixed its endpoint)."""
    dead = PushDelivery.objects.filter(status=PushDelivery.Status.DEAD)
    if client is not None:
        dead = dead.filter(client=client)
    return dead.update(status=PushDelivery.Status.PENDING, attempts=0, next_attempt_at=timezone.now())
