"""The bureau's endpoint down for an hour of simulated time: the audit log still reaches it whole, once
and in order, retries back off within bounds, and a push that gives up waits for staff in plain sight."""

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from marketplace.core.registry import periodic_tasks
from regulation import audit
from regulation.models import PushDelivery
from regulation.tasks import deliver_pushes
from tests.accounts.factories import sign_in
from tests.regulation.factories import RegulatorClientFactory

pytestmark = pytest.mark.django_db

PUSHES = "wagtailsnippets_regulation_pushdelivery"
TICK = periodic_tasks["regulation.tasks.deliver_pushes"]  # how often the scheduler runs the delivery


class Bureau(BaseHTTPRequestHandler):
    """The bureau's receiver: answers 500 while `failing`, else records what it accepted."""

    failing = False
    accepted: list[tuple[str, int]] = []  # (Idempotency-Key, entry index) in the order accepted
    attempts: list[tuple[dt.datetime, str]] = []  # every POST: (simulated time, key)
    clock: list[dt.datetime] = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        key = self.headers["Idempotency-Key"]
        type(self).attempts.append((type(self).clock[0], key))
        if type(self).failing:
            self.send_response(500)
            self.end_headers()
            return
        type(self).accepted.append((key, json.loads(body)["entry"]["index"]))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class Endpoint:
    """The bureau's server on one port, which can go away (connections refused) and come back."""

    def __init__(self):
        self.port = 0
        self.server = None
        self.start()

    def start(self):
        self.server = HTTPServer(("127.0.0.1", self.port), Bureau)
        self.port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/audit"


@pytest.fixture
def clock(monkeypatch):
    """Simulated time: every `timezone.now()` reads it; the test moves it on by scheduler ticks."""
    now = [timezone.now().replace(microsecond=0)]
    monkeypatch.setattr(timezone, "now", lambda: now[0])
    Bureau.clock, Bureau.failing, Bureau.accepted, Bureau.attempts = now, False, [], []
    return now


@pytest.fixture
def endpoint():
    server = Endpoint()
    yield server
    server.stop()


def log_event(n):
    with transaction.atomic():
        audit.append("test.outage", {"n": n})


def run_scheduler(clock, minutes, *, every_minutes=None, on_minute=None):
    """Tick the delivery task as the scheduler would, writing an audit entry now and then."""
    for minute in range(int(minutes * dt.timedelta(minutes=1) / TICK)):
        if every_minutes and minute % every_minutes == 0:
            log_event(minute)
        if on_minute:
            on_minute(minute)
        deliver_pushes.enqueue()
        clock[0] += TICK


def test_an_hour_long_outage_loses_nothing_and_sends_nothing_twice_in_order(clock, endpoint, settings):
    bureau = RegulatorClientFactory(push_url=endpoint.url)
    log_event(-1)
    outage_start = clock[0]

    def outage(minute):
        # 500s for half an hour, then nothing listening for half an hour, then back; an audit entry
        # every five minutes while it is down.
        if minute == 0:
            Bureau.failing = True
        elif minute == 30:
            endpoint.stop()
        elif minute == 60:
            assert not Bureau.accepted and not PushDelivery.objects.filter(status="dead").exists()
            Bureau.failing = False
            endpoint.start()
        if minute < 60 and minute % 5 == 0:
            log_event(minute)

    run_scheduler(clock, 180, on_minute=outage)
    back_at = outage_start + dt.timedelta(minutes=60)

    total = 13
    expected = [(f"{bureau.pk}-{i}", i) for i in range(total)]
    assert Bureau.accepted == expected  # every entry, once each, in the log's order
    assert PushDelivery.objects.filter(status="delivered").count() == total
    # Backoff bounded: during the hour the endpoint saw one attempt per backoff step of the first
    # waiting entry (30 s doubling), not one per entry per minute …
    during = [at for at, _key in Bureau.attempts if at < back_at]
    assert len(during) <= 8, len(during)
    gaps = [b - a for a, b in zip(during, during[1:], strict=False)]
    assert max(gaps) <= dt.timedelta(seconds=settings.AUDIT_PUSH_BACKOFF_SECONDS * 2**6) + TICK
    # … and once it answered again, the whole backlog went through within one more backoff step.
    delivered_by = max(PushDelivery.objects.values_list("delivered_at", flat=True))
    assert back_at <= delivered_by <= back_at + dt.timedelta(minutes=5)


def test_an_entry_written_late_in_the_outage_does_not_overtake_earlier_ones(clock, endpoint):
    bureau = RegulatorClientFactory(push_url=endpoint.url)
    Bureau.failing = True
    log_event(0)
    run_scheduler(clock, 58)  # the first entry is deep in its backoff
    log_event(1)  # written two minutes before the bureau comes back, with no backoff of its own
    run_scheduler(clock, 2)
    Bureau.failing = False
    run_scheduler(clock, 60)
    assert [index for _key, index in Bureau.accepted] == [0, 1]
    assert [key for _at, key in Bureau.attempts].count(f"{bureau.pk}-1") == 1


def test_a_push_that_gives_up_waits_for_staff_in_the_admin_then_the_rest_follows_in_order(
    clock, endpoint, settings, client, platform_admin
):
    settings.AUDIT_PUSH_MAX_ATTEMPTS = 4  # 30 s, 1 min, 2 min: dead within the hour
    bureau = RegulatorClientFactory(push_url=endpoint.url)
    Bureau.failing = True
    run_scheduler(clock, 60, every_minutes=20)
    dead = PushDelivery.objects.get(status="dead")
    assert dead.entry.index == 0 and dead.attempts == 4 and "500" in dead.last_error
    # The entries behind it were not spent on a dead endpoint: they wait, untried, in order.
    waiting = PushDelivery.objects.exclude(pk=dead.pk)
    assert list(waiting.values_list("status", "attempts")) == [("pending", 0), ("pending", 0)]

    sign_in(client, platform_admin)
    listing = client.get(reverse(f"{PUSHES}:list") + "?status=dead").content.decode()
    assert dead.idempotency_key in listing and "500" in listing
    Bureau.failing = False
    assert client.post(reverse(f"{PUSHES}:requeue")).status_code == 302

    run_scheduler(clock, 5)
    assert Bureau.accepted == [(f"{bureau.pk}-{i}", i) for i in range(3)]
    assert PushDelivery.objects.filter(status="delivered").count() == 3
