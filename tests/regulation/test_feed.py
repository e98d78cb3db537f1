"""The bureau's API (keys, scopes, paging, proofs) and signed push delivery with retries."""

import base64
import datetime as dt
import json
import threading
import time
import urllib.error
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from marketplace.core import keys, signing
from marketplace.geography.models import Community, District, Street, SupervisionOffice
from regulation import audit, merkle, push
from regulation.models import PushDelivery
from tests.listings.factories import ListingFactory
from tests.regulation.factories import RegulatorClientFactory

pytestmark = pytest.mark.django_db


def make_client(*, scopes=("feed:read",), push_url=""):
    client = RegulatorClientFactory(scopes=list(scopes), push_url=push_url)
    return client, client.plain_key


def append(n, start=0):
    with transaction.atomic():
        for i in range(n):
            audit.append("test.event", {"n": start + i})


def test_the_feed_needs_a_valid_key_with_the_scope(client):
    _bureau, key = make_client()
    _other, other_key = make_client(scopes=["identity:read"])
    url = reverse("regulation_api:entries")
    assert client.get(url).status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer nkr_wrong").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {other_key}").status_code == 403
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_rotating_a_key_revokes_the_old_one(client):
    _bureau, old_key = make_client()
    from io import StringIO

    out = StringIO()
    call_command("regulator_client", "rotate", "bureau", stdout=out)
    new_key = out.getvalue().rsplit(": ", 1)[-1].strip()
    url = reverse("regulation_api:entries")
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {old_key}").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {new_key}").status_code == 200


def test_cursor_paging_and_proofs_through_the_api(client):
    _bureau, key = make_client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    append(5)
    audit.publish_tree_head()
    append(6, start=5)
    head = audit.publish_tree_head()
    seen, after = [], -1
    while after is not None:
        page = client.get(reverse("regulation_api:entries"), {"after": after, "limit": 4}, **auth).json()
        seen += [e["index"] for e in page["entries"]]
        after = page["next_after"]
    assert seen == list(range(11))
    latest = client.get(reverse("regulation_api:latest_head"), **auth).json()
    assert latest["tree_size"] == 11
    proof = client.get(reverse("regulation_api:inclusion"), {"index": 3, "tree_size": 11}, **auth).json()
    leaf = bytes.fromhex(audit.AuditEntry.objects.get(index=3).leaf_hash)
    assert merkle.verify_inclusion(
        leaf, 3, 11, [base64.b64decode(h) for h in proof["audit_path"]], bytes.fromhex(head.root_hash)
    )
    consistency = client.get(reverse("regulation_api:consistency"), {"first": 5, "second": 11}, **auth).json()
    first_root = bytes.fromhex(audit.TreeHead.objects.get(tree_size=5).root_hash)
    assert merkle.verify_consistency(
        5,
        11,
        first_root,
        bytes.fromhex(head.root_hash),
        [base64.b64decode(h) for h in consistency["consistency"]],
    )
    assert (
        client.get(reverse("regulation_api:inclusion"), {"index": 3, "tree_size": 9}, **auth).status_code
        == 400
    )
    spec = client.get(reverse("regulation_api:openapi")).json()
    assert spec["openapi"].startswith("3.") and "/proofs/consistency" in spec["paths"]


class FlakyBureau(BaseHTTPRequestHandler):
    """A real HTTP endpoint on 127.0.0.1 that fails its first five requests, then dedupes by key."""

    failures_left = 5
    accepted: dict[str, int] = {}
    calls = 0
    public_key = ""

    def do_POST(self):  # noqa: N802 - http.server's naming
        length = int(self.headers["Content-Length"])
        body = self.rfile.read(length)
        type(self).calls += 1
        if type(self).failures_left > 0:
            type(self).failures_left -= 1
            self.send_response(503)
            self.end_headers()
            return
        key = self.headers["Idempotency-Key"]
        assert signing.verify(body, self.headers["X-Audit-Signature"], type(self).public_key)
        assert self.headers["X-Audit-Key-Fingerprint"] == signing.fingerprint(type(self).public_key)
        entry = json.loads(body)["entry"]
        type(self).accepted[key] = entry["index"]
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_push_endpoint_that_fails_five_times_then_recovers_gets_every_event_once(settings):
    settings.AUDIT_PUSH_BACKOFF_SECONDS = 1
    FlakyBureau.failures_left, FlakyBureau.accepted, FlakyBureau.calls = 5, {}, 0
    FlakyBureau.public_key = keys.current("audit").public_key  # pinned by the bureau beforehand
    server = HTTPServer(("127.0.0.1", 0), FlakyBureau)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        bureau, _key = make_client(push_url=f"http://127.0.0.1:{server.server_port}/audit")
        append(4)
        import datetime as dt

        from django.utils import timezone

        now = timezone.now()
        for _round in range(12):
            push.deliver_due(now=now)
            now += dt.timedelta(hours=7)  # past any backoff
        assert sorted(FlakyBureau.accepted.values()) == [0, 1, 2, 3]
        assert set(FlakyBureau.accepted) == {f"{bureau.pk}-{i}" for i in range(4)}
        assert PushDelivery.objects.filter(status="delivered").count() == 4
        assert FlakyBureau.calls == 4 + 5  # every failure retried, nothing sent twice once accepted
    finally:
        server.shutdown()


def test_an_endpoint_that_never_answers_ends_in_the_dead_letters(settings):
    settings.AUDIT_PUSH_MAX_ATTEMPTS = 3
    make_client(push_url="http://127.0.0.1:9/nothing-listens-here")
    append(1)
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    for _round in range(4):
        push.deliver_due(now=now)
        now += dt.timedelta(hours=7)
    dead = PushDelivery.objects.get()
    assert dead.status == "dead" and dead.attempts == 3 and "URLError" in dead.last_error
    assert push.requeue_dead() == 1


# --- Every page of tree heads -----------------------------------------------------------------------------


def test_the_tree_heads_listing_pages_on_with_a_next_cursor(client, settings):
    settings.AUDIT_FEED_PAGE_SIZE = 3
    _bureau, key = make_client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    for n in range(8):
        append(1, start=n)
        audit.publish_tree_head()
    first = client.get(reverse("regulation_api:heads"), **auth).json()
    assert [h["tree_size"] for h in first["tree_heads"]] == [1, 2, 3]
    assert first["next_after"] == 3 and first["next"].endswith("after=3&limit=3")
    seen, url = [], reverse("regulation_api:heads")
    while url:
        page = client.get(url, **auth).json()
        seen += [h["tree_size"] for h in page["tree_heads"]]
        url = page["next"]
    assert seen == list(range(1, 9))
    # Asking for more than a page gives a page, and says where to go on.
    big = client.get(reverse("regulation_api:entries"), {"limit": 500}, **auth).json()
    assert len(big["entries"]) == 3 and big["next_after"] == 2


# --- Each client reads its own district ---------------------------------------------------------------------


@pytest.fixture
def heping():
    """A second district with its own office, street and community."""
    district = District.objects.create(code="120101", name="和平区")
    street = Street.objects.create(district=district, code="120101001", name="劝业场街道")
    community = Community.objects.create(street=street, name="滨西社区")
    office = SupervisionOffice.objects.create(name="和平区市场监督管理局", district=district)
    return office, street, community


def district_entries(heping):
    """One Nankai entry, one Heping entry (each by a listing and by a street), one shared entry."""
    _office, street, community = heping
    nankai_listing = ListingFactory(published=True)
    heping_listing = ListingFactory(published=True, community=community)
    with transaction.atomic():
        audit.append("listing.checked", {"listing": nankai_listing.pk})
        audit.append("listing.checked", {"listing": heping_listing.pk})
        audit.append("flag.raised", {"flag": None, "street": street.code})
        audit.append("report.identity", {"period": "2026H2", "sellers": 3})
        audit.append("flag.decided", {"flag": 987654})  # names a flag that cannot be placed


def test_a_client_reads_its_own_district_in_full_and_other_districts_withheld(client, heping):
    nankai, nankai_key = make_client()
    heping_client = RegulatorClientFactory(name="heping", office=heping[0])
    district_entries(heping)
    audit.publish_tree_head()

    def read(key):
        page = client.get(reverse("regulation_api:entries"), HTTP_AUTHORIZATION=f"Bearer {key}").json()
        return page["entries"]

    full = lambda entries: [e["index"] for e in entries if e["leaf"] is not None]  # noqa: E731
    assert full(read(nankai_key)) == [0, 3]
    assert full(read(heping_client.plain_key)) == [1, 2, 3]
    withheld = read(nankai_key)[1]
    assert withheld == {
        "index": 1,
        "leaf": None,
        "leaf_hash": audit.entry_json(audit.AuditEntry.objects.get(index=1))["leaf_hash"],
        "withheld": True,
    }
    # What each client reads still proves the whole log.
    head = audit.tree_head_json(audit.TreeHead.objects.get())
    for key in (nankai_key, heping_client.plain_key):
        assert audit.verify_log(read(key), [head], keys.published("audit")) == []


def test_pushes_carry_only_the_clients_district_in_full(settings, heping):
    received: dict[int, dict] = {}

    class Bureau(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            entry = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["entry"]
            received[entry["index"]] = entry
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Bureau)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        make_client(push_url=f"http://127.0.0.1:{server.server_port}/audit")
        district_entries(heping)
        assert push.deliver_due()["delivered"] == 5
    finally:
        server.shutdown()
    assert sorted(i for i, e in received.items() if e["leaf"] is not None) == [0, 3]
    assert received[1]["leaf"] is None and received[1]["withheld"] is True


# --- Pushes are claimed before they are sent ----------------------------------------------------------


class CountingBureau(BaseHTTPRequestHandler):
    """Counts every POST by idempotency key; answers slowly, so two runs overlap."""

    posts: dict[str, int] = {}
    lock = threading.Lock()

    def do_POST(self):  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(0.02)
        with type(self).lock:
            key = self.headers["Idempotency-Key"]
            type(self).posts[key] = type(self).posts.get(key, 0) + 1
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_delivery_runs_at_once_post_each_entry_exactly_once():
    CountingBureau.posts = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), CountingBureau)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        bureau, _key = make_client(push_url=f"http://127.0.0.1:{server.server_port}/audit")
        append(12)
        keys.current("audit")
        start = threading.Barrier(2)
        outcomes = []

        def run():
            try:
                start.wait()
                outcomes.append(push.deliver_due())
            finally:
                connection.close()

        runs = [threading.Thread(target=run) for _ in range(2)]
        for thread in runs:
            thread.start()
        for thread in runs:
            thread.join(timeout=60)
    finally:
        server.shutdown()
    assert CountingBureau.posts == {f"{bureau.pk}-{i}": 1 for i in range(12)}
    assert sum(o["delivered"] for o in outcomes) == 12
    assert PushDelivery.objects.filter(status="delivered").count() == 12


def test_a_late_failure_cannot_turn_a_delivered_row_back_to_pending(monkeypatch):
    make_client(push_url="http://127.0.0.1:9/bureau")
    append(1)
    start = timezone.now()
    sent = []

    def slow_then_failing(url, body, headers):
        # While this run waits for its answer, its lease runs out and a later run delivers the entry.
        sent.append("slow")
        monkeypatch.setattr(push, "_post", lambda *args: sent.append("later") or 200)
        later = start + dt.timedelta(seconds=push.LEASE_SECONDS + 1)
        assert push.deliver_due(now=later) == {"delivered": 1, "failed": 0, "dead": 0}
        raise urllib.error.URLError("timed out")

    monkeypatch.setattr(push, "_post", slow_then_failing)
    assert push.deliver_due(now=start) == {"delivered": 0, "failed": 0, "dead": 0}
    assert sent == ["slow", "later"]
    delivery = PushDelivery.objects.get()
    assert delivery.status == "delivered" and delivery.last_error == "" and delivery.attempts == 2
    assert push.deliver_due(now=start + dt.timedelta(hours=7)) == {"delivered": 0, "failed": 0, "dead": 0}
