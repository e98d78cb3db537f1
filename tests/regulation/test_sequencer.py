"""The sequenced audit log: writers queue their entries with their change and never wait for one another;
the sequencer integrates them; a published maximum merge delay that /healthz holds the log to."""

import datetime as dt
import io
import json
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone

from regulation import audit, merkle, sequencer, tasks
from regulation.models import AuditEntry, AuditLogHead, AuditQueueEntry, PushDelivery
from tests.regulation.factories import RegulatorClientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings, monkeypatch):
    """Entries wait in the queue, as in production; no sequencer thread is woken, so tests integrate."""
    settings.AUDIT_SEQUENCE_IN_TRANSACTION = False
    monkeypatch.setattr(sequencer, "wake", lambda: None)


def change(n: int) -> None:
    with transaction.atomic():
        audit.append("test.event", {"n": n, "note": f"事件 {n}"})


def test_an_entry_waits_in_the_queue_until_the_sequencer_integrates_it(queued):
    for n in range(3):
        change(n)
    assert AuditQueueEntry.objects.count() == 3
    assert not AuditEntry.objects.exists()

    assert sequencer.sequence_pending() == 3
    entries = list(AuditEntry.objects.order_by("index"))
    assert [e.index for e in entries] == [0, 1, 2]
    assert [json.loads(e.canonical)["data"]["n"] for e in entries] == [0, 1, 2]
    assert all(json.loads(e.canonical)["index"] == e.index for e in entries)
    assert not AuditQueueEntry.objects.exists()
    assert AuditLogHead.objects.get().size == 3
    head = audit.publish_tree_head()
    leaves = [bytes.fromhex(e.leaf_hash) for e in entries]
    assert head.root_hash == merkle.root(leaves).hex()


def test_a_rolled_back_change_leaves_nothing_in_the_queue_or_the_log(queued):
    change(0)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.append("flag.raised", {"flag": 999})
        raise RuntimeError("the change failed")
    change(1)
    sequencer.sequence_pending()
    assert [
        json.loads(c)["data"].get("n") for c in AuditEntry.objects.values_list("canonical", flat=True)
    ] == [
        0,
        1,
    ]


def test_batches_across_many_sizes_keep_every_proof_valid(queued, settings):
    settings.AUDIT_SEQUENCER_BATCH = 3
    heads = []
    for round_size in (1, 2, 5, 8, 3):
        for n in range(round_size):
            change(n)
        sequencer.sequence_pending()
        heads.append(audit.publish_tree_head())
    final = heads[-1]
    entries = list(AuditEntry.objects.order_by("index"))
    assert [e.index for e in entries] == list(range(19)) == list(range(final.tree_size))
    for entry in entries:
        path = audit.inclusion_proof(entry.index, final.tree_size)
        assert merkle.verify_inclusion(
            bytes.fromhex(entry.leaf_hash), entry.index, final.tree_size, path, bytes.fromhex(final.root_hash)
        )
    for head in heads[:-1]:
        path = audit.consistency_proof(head.tree_size, final.tree_size)
        assert merkle.verify_consistency(
            head.tree_size,
            final.tree_size,
            bytes.fromhex(head.root_hash),
            bytes.fromhex(final.root_hash),
            path,
        )


def test_a_batch_that_fails_between_its_steps_leaves_the_log_as_it_was(queued, monkeypatch):
    for n in range(4):
        change(n)
    store = sequencer._store

    def store_then_fail(*args):
        store(*args)
        raise RuntimeError("the sequencer died after writing the leaves")

    monkeypatch.setattr(sequencer, "_store", store_then_fail)
    with pytest.raises(RuntimeError):
        sequencer.sequence_pending()
    assert not AuditEntry.objects.exists()
    assert AuditQueueEntry.objects.count() == 4 and AuditLogHead.objects.get().size == 0

    monkeypatch.setattr(sequencer, "_store", store)
    assert sequencer.sequence_pending() == 4
    assert sorted(
        json.loads(c)["data"]["n"] for c in AuditEntry.objects.values_list("canonical", flat=True)
    ) == [
        0,
        1,
        2,
        3,
    ]


def test_the_periodic_task_integrates_what_is_queued(queued):
    change(0)
    change(1)
    tasks.sequence_audit_log.enqueue()  # run at once by the test task backend
    assert AuditEntry.objects.count() == 2 and not AuditQueueEntry.objects.exists()


def test_the_command_integrates_what_is_queued(queued):
    change(0)
    out = io.StringIO()
    call_command("sequence_audit_log", stdout=out)
    assert "integrated 1 audit entries" in out.getvalue()
    assert AuditEntry.objects.get().index == 0


def test_pushes_are_queued_when_an_entry_is_integrated(queued):
    bureau = RegulatorClientFactory(push_url="http://127.0.0.1:9/bureau")
    change(0)
    assert not PushDelivery.objects.exists()
    sequencer.sequence_pending()
    delivery = PushDelivery.objects.get()
    assert delivery.client == bureau and delivery.idempotency_key == f"{bureau.pk}-0"
    assert delivery.entry == AuditEntry.objects.get(index=0)


def test_healthz_fails_naming_the_sequencer_when_an_entry_waits_past_the_merge_delay(
    queued, client, settings
):
    settings.AUDIT_MAX_MERGE_DELAY_SECONDS = 30
    change(0)
    assert client.get("/healthz").json()["checks"]["audit_sequencer"]["ok"]
    AuditQueueEntry.objects.update(created_at=timezone.now() - dt.timedelta(seconds=31))
    response = client.get("/healthz")
    assert response.status_code == 503
    check = response.json()["checks"]["audit_sequencer"]
    assert not check["ok"] and check["max_merge_delay_seconds"] == 30
    assert check["oldest_unsequenced_seconds"] >= 31

    sequencer.sequence_pending()
    assert client.get("/healthz").json()["checks"]["audit_sequencer"]["ok"]


def test_the_maximum_merge_delay_is_published_with_the_key(client, settings):
    settings.AUDIT_MAX_MERGE_DELAY_SECONDS = 45
    assert client.get(reverse("regulation_api:public_key")).json()["max_merge_delay_seconds"] == 45


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_writer_never_waits_for_another_writers_open_transaction(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks; scripts/test runs the suite on PostgreSQL")
    settings.AUDIT_SEQUENCE_IN_TRANSACTION = False
    first_appended, release = threading.Event(), threading.Event()
    second_done = threading.Event()

    def slow_writer():
        try:
            with transaction.atomic():
                audit.append("test.event", {"n": "slow"})
                first_appended.set()
                release.wait(30)
        finally:
            connections.close_all()

    def quick_writer():
        try:
            with transaction.atomic():
                audit.append("test.event", {"n": "quick"})
            second_done.set()
        finally:
            connections.close_all()

    slow = threading.Thread(target=slow_writer)
    slow.start()
    assert first_appended.wait(30)
    quick = threading.Thread(target=quick_writer)
    quick.start()
    committed_while_the_other_was_open = second_done.wait(10)
    release.set()
    slow.join(30)
    quick.join(30)
    assert committed_while_the_other_was_open
    sequencer.sequence_pending()
    assert AuditEntry.objects.count() == 2
