"""PostgreSQL sends a write that needs no answer (the audit queue's INSERT) with the COMMIT, or with the
RELEASE of the savepoint it was written under. It must still commit or roll back with its change."""

import pytest
from django.db import DatabaseError, connection, transaction

from regulation import audit, sequencer
from regulation.models import AuditQueueEntry

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the held statements are PostgreSQL's"),
]


@pytest.fixture(autouse=True)
def queued(settings, monkeypatch):
    settings.AUDIT_SEQUENCE_IN_TRANSACTION = False
    monkeypatch.setattr(sequencer, "wake", lambda: None)


def queued_ns() -> list[int]:
    return sorted(int(data.split('"n":')[1].split(",")[0].rstrip("}")) for data in _data())


def _data() -> list[str]:
    return list(AuditQueueEntry.objects.values_list("data", flat=True))


def test_the_entry_is_sent_with_the_commit_and_commits_with_its_change():
    with transaction.atomic():
        audit.append("test.event", {"n": 1})
        assert connection.held and not AuditQueueEntry.objects.exists()  # not sent yet
    assert not connection.held and queued_ns() == [1]


def test_a_rolled_back_change_takes_its_entry_with_it():
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.append("test.event", {"n": 1})
        raise RuntimeError("the change failed")
    assert not connection.held and queued_ns() == []


def test_a_rolled_back_savepoint_drops_only_what_was_written_inside_it():
    with transaction.atomic():
        audit.append("test.event", {"n": 1})
        with pytest.raises(RuntimeError), transaction.atomic():
            audit.append("test.event", {"n": 2})
            raise RuntimeError("the inner change failed")
        with transaction.atomic():
            audit.append("test.event", {"n": 3})
        # Released with the inner block: visible to the rest of the transaction from here on.
        assert queued_ns() == [1, 3]
        audit.append("test.event", {"n": 4})
    assert queued_ns() == [1, 3, 4]


def test_a_held_statement_that_fails_fails_the_commit_and_the_change_with_it():
    from marketplace.geography.models import District

    before = District.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic():
        District.objects.create(name="演练区", code="999999")
        audit.append("x" * 200, {"n": 1})  # longer than the event type's column
    assert District.objects.count() == before and queued_ns() == []
    with transaction.atomic():  # and the connection works on
        audit.append("test.event", {"n": 2})
    assert queued_ns() == [2]
