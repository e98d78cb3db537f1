"""Stripe slow or refusing: the order stays consistent, and the SDK's retry carries the same idempotency
key, so Stripe does the operation once. A small proxy on 127.0.0.1 sits in front of stripe-mock."""

import http.server
import threading
import time
import urllib.error
import urllib.request

import pytest

from orders import services
from orders.models import Order, Payment
from tests.listings.factories import ListingFactory
from tests.orders.factories import intent_event, post_event

pytestmark = [pytest.mark.django_db, pytest.mark.stripe]


class FlakyProxy:
    """Forwards to stripe-mock; the first `refuse` POSTs get a 503, the next `slow` ones wait `delay`."""

    def __init__(self, upstream: str, *, refuse: int = 0, slow: int = 0, delay: float = 0.0):
        self.upstream, self.refuse, self.slow, self.delay = upstream, refuse, slow, delay
        self.seen: list[tuple[str, str, int]] = []  # (path, idempotency key, status returned)
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self._forward(None)

            def do_POST(self):
                self._forward(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

            def _forward(self, body):
                key = self.headers.get("Idempotency-Key", "")
                if body is not None and proxy.refuse > 0:
                    proxy.refuse -= 1
                    proxy.seen.append((self.path, key, 503))
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if body is not None and proxy.slow > 0:
                    proxy.slow -= 1
                    time.sleep(proxy.delay)
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")
                }
                request = urllib.request.Request(
                    proxy.upstream + self.path, data=body, headers=headers, method=self.command
                )
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
                        status, payload, kind = response.status, response.read(), response.headers
                except urllib.error.HTTPError as error:
                    status, payload, kind = error.code, error.read(), error.headers
                proxy.seen.append((self.path, key, status))
                self.send_response(status)
                self.send_header("Content-Type", kind.get("Content-Type", "application/json"))
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def proxy(stripe_mock, settings):
    proxies = []

    def make(**faults):
        made = FlakyProxy(stripe_mock, **faults)
        settings.STRIPE_API_BASE = made.url
        proxies.append(made)
        return made

    yield make
    for made in proxies:
        made.close()


def _paid_order(client, seller, buyer):
    listing = ListingFactory(seller=seller, published=True, price="300.00")
    order = services.place_order(listing, buyer=buyer, kind=Order.Kind.ONLINE)
    services.start_checkout(order, actor=buyer, success_url="http://testserver/ok", cancel_url="http://x/no")
    order.payment.refresh_from_db()
    post_event(client, intent_event(order.payment))
    order.refresh_from_db()
    return order


def test_a_refused_checkout_call_is_retried_with_the_same_idempotency_key(proxy, client, seller, buyer):
    flaky = proxy(refuse=1)
    order = _paid_order(client, seller, buyer)
    assert order.status == Order.Status.PAID
    checkout = [(key, status) for path, key, status in flaky.seen if path == "/v1/checkout/sessions"]
    assert [status for _key, status in checkout] == [503, 200]
    assert checkout[0][0] and checkout[0][0] == checkout[1][0]


def test_a_refused_capture_leaves_the_order_received_and_a_retry_captures_once(proxy, client, seller, buyer):
    proxy()
    order = _paid_order(client, seller, buyer)
    services.mark_handed_over(order, actor=seller)
    flaky = proxy(refuse=3)  # more refusals than the SDK's two retries: the capture fails this time
    order = services.confirm_receipt(order, actor=buyer)
    order.refresh_from_db()
    payment = Payment.objects.get(order=order)
    assert order.status == Order.Status.RECEIVED  # received, not completed, and nothing captured yet
    assert payment.status == Payment.Status.AUTHORISED
    captures = [key for path, key, status in flaky.seen if path.endswith("/capture")]
    assert len(captures) == 3 and len(set(captures)) == 1

    flaky.refuse = 0
    services.settle_expiring_authorisations()  # the scheduler's hourly run retries the capture
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == Order.Status.COMPLETED
    assert payment.status == Payment.Status.CAPTURED and payment.captured_fen == 30000
    keys = {key for path, key, status in flaky.seen if path.endswith("/capture")}
    assert keys == set(captures)  # the same key every time: Stripe captures once


def test_a_slow_stripe_does_not_leave_a_half_placed_order(proxy, client, seller, buyer):
    flaky = proxy(slow=1, delay=2.0)
    order = _paid_order(client, seller, buyer)
    assert order.status == Order.Status.PAID
    assert Payment.objects.filter(order=order).count() == 1
    assert any(status == 200 for path, _key, status in flaky.seen if path == "/v1/checkout/sessions")
