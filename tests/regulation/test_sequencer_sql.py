"""On PostgreSQL the sequencer builds each leaf inside the database. A verifier rebuilds nothing but hashes
the stored leaf, so the leaf must be the very bytes the Python build gives: the same canonical JSON for
awkward event types, text and timestamps, and the leaf hash of exactly those bytes."""

import datetime as dt
import hashlib

import pytest
from django.db import connection, transaction

from marketplace.core import signing
from regulation import sequencer
from regulation.models import AuditEntry, AuditLogHead, AuditQueueEntry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

UTC = dt.UTC
AWKWARD = [
    # (event type, data, created_at)
    ("listing.published", {"listing": 7}, dt.datetime(2026, 11, 30, 1, 2, 3, 0, tzinfo=UTC)),  # no micros
    ("order.paid", {"amount": "12.50", "n": 1.5}, dt.datetime(2026, 1, 2, 3, 4, 5, 7, tzinfo=UTC)),
    ('quote"back\\slash', {"note": '并发\n写入"\t'}, dt.datetime(2026, 6, 1, 23, 59, 59, 999999, tzinfo=UTC)),
    ("control\u0001\u001fchars\x7f", {"a": "\u2028", "b": [1, None, True, False]}, dt.datetime.now(UTC)),
    (
        "事件.中文",
        {"嵌套": {"z": [], "a": {}}, "emoji": "🙂"},
        dt.datetime(2026, 3, 1, 8, 0, 0, 5, tzinfo=UTC),
    ),
    # An aware time in another zone is stored as UTC, and the leaf says +00:00 as Python's does.
    ("zone.shift", {}, dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))),
]


@pytest.fixture
def awkward_queue(settings):
    if connection.vendor != "postgresql":
        pytest.skip("the leaves are built in the database only on PostgreSQL")
    settings.AUDIT_SEQUENCE_IN_TRANSACTION = False
    AuditQueueEntry.objects.bulk_create(
        AuditQueueEntry(event_type=kind, data=signing.canonical_json(data), created_at=at)
        for kind, data, at in AWKWARD
    )


def leaves_built_in_python() -> list[tuple[int, str]]:
    """The Python build of the same queued rows, in a transaction rolled back."""
    with transaction.atomic():
        head = AuditLogHead.objects.get(pk=1)
        sequencer._take_in_python(start=head.size, limit=100, now=dt.datetime.now(UTC))
        built = list(AuditEntry.objects.order_by("index").values_list("index", "canonical"))
        transaction.set_rollback(True)
    return built


def test_leaves_built_in_the_database_are_the_bytes_python_builds(awkward_queue):
    expected = leaves_built_in_python()
    assert len(expected) == len(AWKWARD)

    assert sequencer.sequence_pending() == len(AWKWARD)

    entries = list(AuditEntry.objects.order_by("index"))
    assert [(e.index, e.canonical) for e in entries] == expected
    for entry, (kind, data, at) in zip(entries, AWKWARD, strict=True):
        assert entry.canonical == signing.canonical_json(
            {"index": entry.index, "type": kind, "at": at.astimezone(UTC).isoformat(), "data": data}
        )
        assert entry.leaf_hash == hashlib.sha256(b"\0" + entry.canonical.encode()).hexdigest()
    assert not AuditQueueEntry.objects.exists()


def test_a_queued_row_that_is_not_json_fails_its_batch_and_changes_nothing(awkward_queue):
    """Only `enqueue` writes the queue, always canonical JSON. A row written around it (by hand, in the
    database) is refused as the Python build refuses it: the batch fails whole, the log stays as it was,
    and the health check will report the wait."""
    from django.db import DataError

    AuditQueueEntry.objects.create(event_type="tampered", data='{"n": 1', created_at=dt.datetime.now(UTC))
    with pytest.raises(DataError):
        sequencer.integrate_batch(limit=100)
    assert not AuditEntry.objects.exists()
    assert AuditQueueEntry.objects.count() == len(AWKWARD) + 1
    assert AuditLogHead.objects.get().size == 0
