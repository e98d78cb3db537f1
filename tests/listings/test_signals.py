"""What listings tells the apps above it: each signal carries what its catalogue promises and is sent
inside the change's transaction, so what a receiver writes (a flag, an outbox row) commits with it."""

from collections import defaultdict

import pytest

from listings import services, signals
from listings.errors import ListingError
from listings.models import Listing, ListingReport, RiskAssessment
from tests.listings.factories import ListingFactory, add_photos

pytestmark = pytest.mark.django_db
S = Listing.Status
NAMES = ("listing_blocked", "listing_held", "listing_reported", "listing_escalated")


@pytest.fixture
def sent():
    """Every listings signal sent during the test, by name, as the kwargs it carried."""
    captured = defaultdict(list)
    connected = []
    for name in NAMES:

        def receiver(sender, name=name, **kwargs):
            kwargs.pop("signal", None)
            captured[name].append(kwargs)

        getattr(signals, name).connect(receiver, weak=False, dispatch_uid=f"test-{name}")
        connected.append(name)
    yield captured
    for name in connected:
        getattr(signals, name).disconnect(dispatch_uid=f"test-{name}")


def submit(seller, **fields):
    listing = ListingFactory(seller=seller, **fields)
    add_photos(listing)
    return services.submit_listing(listing, actor=seller)


def test_a_prohibited_item_is_blocked_and_signalled_with_the_assessment(seller, sent):
    listing = submit(seller, description="出售 管制刀具")
    assert listing.status == S.BLOCKED
    [blocked] = sent["listing_blocked"]
    assert blocked["listing"].pk == listing.pk
    assert blocked["assessment"] == RiskAssessment.objects.get(listing=listing)
    assert "管制刀具" in blocked["reason"]
    assert sent["listing_held"] == []


def test_a_hold_signals_every_held_finding_by_family(seller, sent):
    listing = submit(seller, description="捡到的电动车，尾单配件")
    assert listing.status == S.PENDING_REVIEW
    [held] = sent["listing_held"]
    families = {family for family, _reason in held["findings"]}
    assert {"stolen_goods", "counterfeit"} <= families
    assert all(reason for _family, reason in held["findings"])


def test_a_receiver_that_fails_undoes_the_block(seller):
    """The regulator never misses a block: if its receiver fails, the listing is not blocked either."""

    def refuse(sender, **kwargs):
        raise RuntimeError("the flag could not be written")

    signals.listing_blocked.connect(refuse, weak=False, dispatch_uid="test-refuse")
    listing = ListingFactory(seller=seller, description="出售 管制刀具")
    add_photos(listing)
    try:
        with pytest.raises(RuntimeError):
            services.submit_listing(listing, actor=seller)
    finally:
        signals.listing_blocked.disconnect(dispatch_uid="test-refuse")
    listing.refresh_from_db()
    assert listing.status == S.DRAFT
    assert not RiskAssessment.objects.filter(listing=listing).exists()


def test_every_report_is_signalled(buyer, sent):
    listing = ListingFactory(published=True)
    report = services.report_listing(listing, reporter=buyer, reason="misleading", details="颜色不对")
    assert [item["report"] for item in sent["listing_reported"]] == [report]


def test_escalating_hides_a_public_listing_and_signals_the_concern(platform_admin, sent):
    listing = ListingFactory(published=True)
    escalated = services.escalate_listing(
        listing, actor=platform_admin, concern=ListingReport.Reason.FRAUD, reason="<b>要求先转账</b>"
    )
    assert escalated.status == S.PENDING_REVIEW
    listing.refresh_from_db()
    assert listing.status == S.PENDING_REVIEW
    [signal] = sent["listing_escalated"]
    assert signal["listing"].pk == listing.pk
    assert (signal["actor"], signal["concern"], signal["reason"]) == (platform_admin, "fraud", "要求先转账")
    assert "要求先转账" in listing.status_changes.last().reason


@pytest.mark.parametrize(
    "concern,reason,code", [("rumour", "有问题", "concern_required"), ("fraud", " ", "reason_required")]
)
def test_an_escalation_needs_a_known_concern_and_a_reason(platform_admin, sent, concern, reason, code):
    listing = ListingFactory(published=True)
    with pytest.raises(ListingError) as caught:
        services.escalate_listing(listing, actor=platform_admin, concern=concern, reason=reason)
    assert caught.value.code == code
    assert sent["listing_escalated"] == []
    listing.refresh_from_db()
    assert listing.status == S.PUBLISHED


def test_only_platform_staff_escalate(resident, sent):
    listing = ListingFactory(published=True)
    with pytest.raises(ListingError) as caught:
        services.escalate_listing(listing, actor=resident, concern="fraud", reason="可疑")
    assert caught.value.code == "not_staff"
    assert sent["listing_escalated"] == []
