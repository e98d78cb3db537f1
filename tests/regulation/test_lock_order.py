"""One lock order on every path that touches a listing and the audit log: the listing's row first, then
the audit head. Reporting a listing used to take the audit head first (its flag's audit entry) and the
listing after, while deciding a flag takes the listing then the audit head: the two could deadlock."""

import threading
import time

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from listings import services as listing_services
from listings import signals
from listings.models import Listing
from regulation import services
from tests.listings.factories import ListingFactory
from tests.regulation.factories import FlagFactory, RightsHolderFactory

LISTING_LOCK = '"listings_listing"'
HEAD_LOCK = '"regulation_auditloghead"'


def first_lock(queries, table: str) -> int:
    return next(
        i
        for i, query in enumerate(queries)
        if "FOR UPDATE" in query["sql"] and f"FROM {table}" in query["sql"]
    )


PATHS = {
    "report": lambda listing, people: listing_services.report_listing(
        listing, reporter=people["buyer"], reason="counterfeit", details="假货"
    ),
    "escalate": lambda listing, people: listing_services.escalate_listing(
        listing, actor=people["platform_admin"], concern="fraud", reason="疑似诈骗"
    ),
    "ip_notice": lambda listing, people: services.file_notice(
        RightsHolderFactory(verified=True), listing=listing, right="注册商标第1号", evidence="比对图"
    ),
    "regulator_flag": lambda listing, people: services.raise_flag_as_regulator(
        listing, actor=people["regulator"], flag_type="fraud", severity="high", reason="抽查"
    ),
    "decide": lambda listing, people: services.decide(
        FlagFactory(listing=listing), actor=people["regulator"], decision="takedown", reason="下架"
    ),
}


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_every_path_locks_the_listing_before_the_audit_head(path, seller, buyer, platform_admin, regulator):
    if connection.vendor != "postgresql":
        pytest.skip("SELECT … FOR UPDATE is only written out on PostgreSQL")
    listing = ListingFactory(seller=seller, published=True)
    people = {"buyer": buyer, "platform_admin": platform_admin, "regulator": regulator}
    with CaptureQueriesContext(connection) as captured:
        PATHS[path](listing, people)
    assert first_lock(captured.captured_queries, LISTING_LOCK) < first_lock(
        captured.captured_queries, HEAD_LOCK
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reporting_and_deciding_the_same_listing_at_once_both_complete(seller, buyer, regulator):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks; scripts/test runs the suite on PostgreSQL")
    listing = ListingFactory(seller=seller, published=True)
    flag = FlagFactory(listing=listing)
    reporting = threading.Event()
    errors: list[BaseException] = []

    def pause_after_the_flag_is_audited(sender, **kwargs):
        # The regulator's receiver has appended the flag's audit entry: the reporter now holds the
        # audit head. Let the decision start and reach its locks before the report goes on.
        reporting.set()
        time.sleep(1.5)

    def report():
        try:
            listing_services.report_listing(listing, reporter=buyer, reason="counterfeit", details="假货")
        except BaseException as exc:  # noqa: BLE001 - a deadlock error is what the test looks for
            errors.append(exc)
        finally:
            connections.close_all()

    def decide():
        try:
            assert reporting.wait(timeout=10)
            services.decide(flag, actor=regulator, decision="takedown", reason="确认侵权")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    signals.listing_reported.connect(pause_after_the_flag_is_audited, weak=False, dispatch_uid="test-pause")
    try:
        threads = [threading.Thread(target=report), threading.Thread(target=decide)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        signals.listing_reported.disconnect(dispatch_uid="test-pause")

    assert errors == []
    flag.refresh_from_db()
    listing.refresh_from_db()
    assert flag.status == "closed" and listing.status == Listing.Status.REMOVED
    assert listing.reports.count() == 1
