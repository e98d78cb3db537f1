"""Signed push delivery of audit entries to a bureau endpoint, with retries, backoff and dead letters.

Each entry goes once per client with an Idempotency-Key header, so an endpoint that received a
delivery whose answer was lost can recognise the retry. The body is signed with the audit key and
holds what the client may read through the feed: its district's and shared entries in full, any other
district's withheld (index and leaf hash only).

A run claims a delivery before it posts (status "sending" and a lease in `next_attempt_at`, by a
conditional update), so two runs never post the same entry at once; a claim whose lease ran out (the
run died) is taken over. The outcome is written by conditional updates too: success moves any row that
is not yet delivered to delivered; a failure is recorded only while this run's claim still holds
(same status and attempt count), so a late failure never turns a delivered row back to pending.

A client's pushes go in entry order: a later entry waits, untried, while an earlier one backs off or lies
dead, so the bureau receives the log as it was written and an outage costs one attempt per backoff step.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from marketplace.core import keys

from .api import visible_entries
from .audit import SIGNING_KEY
from .models import PushDelivery

TIMEOUT_SECONDS = 10
# Longer than a POST can take, so a live claim is never taken over.
LEASE_SECONDS = 6 * TIMEOUT_SECONDS
MAX_BACKOFF_SECONDS = 6 * 3600
SENDING = PushDelivery.Status.SENDING
PENDING, DELIVERED, DEAD = (
    PushDelivery.Status.PENDING,
    PushDelivery.Status.DELIVERED,
    PushDelivery.Status.DEAD,
)


def _post(url: str, body: bytes, headers: dict) -> int:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - configured endpoint  # nosec B310 - an http(s) URL given by the operator
        return response.status


def _due(now: dt.datetime) -> Q:
    return Q(status=PENDING, next_attempt_at__lte=now) | Q(status=SENDING, next_attempt_at__lte=now)


def _claim(pk: int, now: dt.datetime) -> int | None:
    """Take one delivery for this run: the attempt number it will be, or None if another run has it.
    The attempt count is the fencing token: whoever claims after us counts one more."""
    row = PushDelivery.objects.filter(_due(now), pk=pk).values("status", "attempts").first()
    if row is None:
        return None
    attempt = row["attempts"] + 1
    claimed = PushDelivery.objects.filter(
        _due(now), pk=pk, status=row["status"], attempts=row["attempts"]
    ).update(status=SENDING, attempts=attempt, next_attempt_at=now + dt.timedelta(seconds=LEASE_SECONDS))
    return attempt if claimed else None


def _send(delivery: PushDelivery, key) -> tuple[bool, str]:
    [entry] = visible_entries(delivery.client, [delivery.entry])
    body = json.dumps({"entry": entry, "log_id": settings.AUDIT_LOG_ID}).encode()
    headers = {
        "Content-Type": "application/json",
        "Idempotency-Key": delivery.idempotency_key,
        "X-Audit-Signature": keys.sign(body, SIGNING_KEY, key=key).value,
        "X-Audit-Key-Id": key.key_id,
        "X-Audit-Key-Fingerprint": key.fingerprint,
    }
    try:
        status = _post(delivery.client.push_url, body, headers)
    except (urllib.error.URLError, OSError) as exc:
        return False, f"{exc.__class__.__name__}: {exc}"
    return 200 <= status < 300, f"HTTP {status}"


def _in_order(client_id: int, now: dt.datetime, limit: int) -> list[int]:
    """A client's undelivered pushes from the first, up to the first that is not due: a later entry never
    overtakes an earlier one that is backing off, claimed by another run, or dead."""
    rows = (
        PushDelivery.objects.filter(client_id=client_id)
        .exclude(status=DELIVERED)
        .order_by("entry__index")
        .values_list("pk", "status", "next_attempt_at")[:limit]
    )
    due = []
    for pk, status, next_attempt_at in rows:
        if status not in (PENDING, SENDING) or next_attempt_at > now:
            break
        due.append(pk)
    return due


def _deliver_one(pk: int, now: dt.datetime, key) -> str | None:
    """Claim, post and record one push: its outcome, or None when another run has it."""
    attempt = _claim(pk, now)
    if attempt is None:
        return None
    delivery = PushDelivery.objects.select_related("client__office__district", "entry").get(pk=pk)
    ok, error = _send(delivery, key)
    if ok:
        PushDelivery.objects.filter(pk=pk).exclude(status=DELIVERED).update(
            status=DELIVERED, delivered_at=now, last_error=""
        )
        return "delivered"
    ours = PushDelivery.objects.filter(pk=pk, status=SENDING, attempts=attempt)
    if attempt >= settings.AUDIT_PUSH_MAX_ATTEMPTS:
        return "dead" if ours.update(status=DEAD, last_error=error[:300]) else None
    backoff = min(settings.AUDIT_PUSH_BACKOFF_SECONDS * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS)
    updated = ours.update(
        status=PENDING, next_attempt_at=now + dt.timedelta(seconds=backoff), last_error=error[:300]
    )
    return "failed" if updated else None


def deliver_due(*, now: dt.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Post each client's due pushes in entry order, stopping at its first failure, so the bureau gets
    the log in order and an outage costs one attempt per backoff step, not one per entry.
    Safe to run in several processes at the same time."""
    # A run may post for minutes: each claim and each backoff reads the clock when it happens, so a
    # lease never starts already expired (unless a fixed `now` is given, as a simulated clock).
    clock = (lambda: now) if now else timezone.now
    now = clock()
    outcome = {"delivered": 0, "failed": 0, "dead": 0}
    clients = list(
        PushDelivery.objects.filter(_due(now))
        .order_by("client_id")
        .values_list("client_id", flat=True)
        .distinct()
    )
    key = keys.current(SIGNING_KEY) if clients else None
    posted = 0
    for client_id in clients:
        for pk in _in_order(client_id, now, limit - posted):
            result = _deliver_one(pk, clock(), key)
            if result is None:
                break  # another run is sending this client's log; it goes on from here
            outcome[result] += 1
            posted += 1
            if result != "delivered":
                break
        if posted >= limit:
            break
    return outcome


def requeue_dead(client=None) -> int:
    """Send dead letters again (after the bureau fixed its endpoint)."""
    dead = PushDelivery.objects.filter(status=DEAD)
    if client is not None:
        dead = dead.filter(client=client)
    return dead.update(status=PENDING, attempts=0, next_attempt_at=timezone.now())
