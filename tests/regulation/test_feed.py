"""The bureau's API (keys, scopes, paging, proofs) and signed push delivery with retries."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from marketplace.core import signing
from regulation import audit, merkle, push
from regulation.models import PushDelivery
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
        assert signing.verify(
            body, self.headers["X-Audit-Signature"], signing.public_key_pem(audit.SIGNING_KEY)
        )
        entry = json.loads(body)["entry"]
        type(self).accepted[key] = entry["index"]
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_push_endpoint_that_fails_five_times_then_recovers_gets_every_event_once(settings):
    settings.AUDIT_PUSH_BACKOFF_SECONDS = 1
    FlakyBureau.failures_left, FlakyBureau.accepted, FlakyBureau.calls = 5, {}, 0
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
