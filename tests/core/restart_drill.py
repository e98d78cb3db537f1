"""What the database-restart drill runs inside its own Django processes, against the private server:
the objects the writers need, the writers, and the report read afterwards."""

import json
import os
import time

WRITES = {"orders": 50, "listings": 30, "registrations": 50, "audit": 120}
VISITOR_PLACES = 30


def setup_writes() -> None:
    """The listings, buyers and event the writers will use, built before any fault."""
    from tests.accounts.factories import UserFactory
    from tests.community_events.factories import make_event
    from tests.listings.factories import ListingFactory

    seller = UserFactory(display_name="卖家")
    from marketplace.accounts.services import verify_identity

    verify_identity(seller, real_name="王小明", id_number="120104199003070012")
    for n in range(WRITES["orders"]):
        ListingFactory(seller=seller, published=True, title=f"待售 {n}")
    for n in range(WRITES["listings"]):
        ListingFactory(seller=seller, published=True, title=f"下架 {n}")
    make_event(visitors=VISITOR_PLACES, title="重启演练市集")


def run_writers(stop_file: str) -> None:
    """Four writers, each acknowledging on stdout what committed. A database error is retried with a
    new connection; a refusal on retry means the first try had committed (its answer was lost)."""
    import threading

    from django.db import InterfaceError, OperationalError, connection, transaction

    from community_events import services as events
    from community_events.models import SwapEventPage
    from listings.models import Listing
    from listings.services.seller import withdraw_listing
    from marketplace.accounts.models import User
    from marketplace.core.errors import DomainError
    from orders import services as orders
    from regulation import audit
    from tests.accounts.factories import UserFactory

    event = SwapEventPage.objects.get(title="重启演练市集")
    for_sale = list(Listing.objects.filter(title__startswith="待售").order_by("pk"))
    to_withdraw = list(Listing.objects.filter(title__startswith="下架").order_by("pk"))
    lock = threading.Lock()

    def ack(*words):
        with lock:
            print(*words, flush=True)

    def person(email, **fields):
        # Found again on a retry: the first try may have committed the account before its answer was lost.
        return User.objects.filter(email=email).first() or UserFactory(email=email, **fields)

    def append(n):
        with transaction.atomic():
            audit.append("restart.drill", {"n": n})

    def register(n):
        user = person(f"drill{n}@example.com", display_name=f"报名{n}")
        return events.register(event, user=user, kind="visitor")

    jobs = {
        "order": [
            (
                lambda listing=listing, n=n: orders.place_order(
                    listing, buyer=person(f"buyer{n}@example.com"), kind="meetup"
                ),
                listing.pk,
            )
            for n, listing in enumerate(for_sale)
        ],
        "listing": [(lambda li=li: withdraw_listing(li, actor=li.seller), li.pk) for li in to_withdraw],
        "registration": [(lambda n=n: register(n), n) for n in range(WRITES["registrations"])],
        "audit": [(lambda n=n: append(n), n) for n in range(WRITES["audit"])],
    }

    def writer(kind, work):
        try:
            for job, key in work:
                if os.path.exists(stop_file):
                    break
                retried = False
                while True:  # a job once begun is retried to an answer: its commit may be in doubt
                    try:
                        job()
                    except (OperationalError, InterfaceError):
                        retried = True
                        ack("error", kind, key)
                        connection.close()
                        time.sleep(0.2)
                        continue
                    except DomainError as exc:
                        ack("refused" if retried else "domain", kind, key, exc.code)
                        break
                    ack("ok", kind, key)
                    time.sleep(0.15)
                    break
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=item) for item in jobs.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ack("done")


def report() -> None:
    """What a regulator would check after the incident, printed as JSON."""
    from collections import Counter

    from django.db.models import Count, Sum

    from community_events.models import Registration, SwapEventPage
    from listings.models import Listing
    from orders.models import Order
    from regulation import audit
    from regulation.models import AuditEntry, AuditLogHead

    audit.publish_tree_head()  # integrates anything still queued, signs the tree
    orders = Order.objects.select_related("listing")
    listings = Listing.objects.filter(title__startswith="下架")
    data_ns = Counter(
        json.loads(canonical)["data"]["n"]
        for canonical in AuditEntry.objects.filter(event_type="restart.drill").values_list(
            "canonical", flat=True
        )
    )
    indexes = list(AuditEntry.objects.order_by("index").values_list("index", flat=True))
    event = SwapEventPage.objects.get(title="重启演练市集")
    held = Registration.objects.holding_places().filter(event=event)
    print(
        json.dumps(
            {
                "orders_by_listing": {str(o.listing_id): o.listing.status for o in orders},
                "orders_per_listing": max(
                    orders.values("listing").annotate(n=Count("pk")).values_list("n", flat=True), default=0
                ),
                "orders_without_history": orders.filter(status_changes__isnull=True).count(),
                "reserved_without_order": Listing.objects.filter(
                    status="reserved", orders__isnull=True
                ).count(),
                "listings": {
                    str(li.pk): [
                        li.status,
                        li.status_changes.order_by("-pk").values_list("new_status", flat=True).first(),
                    ]
                    for li in listings
                },
                "registrations": list(
                    Registration.objects.filter(event=event).values_list("user__display_name", flat=True)
                ),
                "places_held": held.aggregate(n=Sum("party_size"))["n"] or 0,
                "audit_ns": {str(n): count for n, count in data_ns.items()},
                "audit_gap_free": indexes == list(range(len(indexes))),
                "audit_head_size": AuditLogHead.objects.get(pk=1).size,
                "audit_entries": len(indexes),
            }
        )
    )
