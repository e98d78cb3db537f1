"""Every decision of the regulator's queue on a listing in every status: the regulator always gets a
page with a message, never a 500, and the flag closes exactly when the decision took effect."""

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.urls import reverse
from django.utils import translation

from listings.models import Listing
from regulation.models import AuditEntry, Flag
from tests.accounts.factories import sign_in
from tests.listings.factories import ListingFactory
from tests.regulation.factories import FlagFactory

pytestmark = pytest.mark.django_db

S = Listing.Status
D = Flag.Decision
# The one refusal the transition table makes: a sold listing stays the record of its sale.
REFUSED = {(D.TAKEDOWN, S.SOLD)}


def expected_status(decision: str, status: str) -> str:
    if (decision, status) in REFUSED:
        return status
    if decision == D.TAKEDOWN and status not in (S.REMOVED, S.BLOCKED):
        return S.REMOVED
    if decision == D.REFER_POLICE and status != S.SOLD:
        return S.BLOCKED
    return status


def post_decision(client, flag, decision, via):
    data = {"decision": decision, "reason": "核查后决定"}
    if via == "queue":
        return client.post(reverse("regulation:decide_bulk"), {**data, "flags": [flag.pk]}, follow=True)
    return client.post(reverse("regulation:decide", args=[flag.pk]), data, follow=True)


@pytest.mark.parametrize("via", ["queue", "flag_page"])
@pytest.mark.parametrize("status", S.values)
@pytest.mark.parametrize("decision", D.values)
def test_every_decision_on_every_status_ends_in_a_message(client, seller, regulator, decision, status, via):
    listing = ListingFactory(seller=seller, status=status)
    flag = FlagFactory(listing=listing)
    sign_in(client, regulator)

    response = post_decision(client, flag, decision, via)

    assert response.status_code < 500
    assert response.redirect_chain, "the decision answers with a redirect back to the queue or flag"
    levels = [m.level for m in response.context["messages"]]
    applied = (decision, status) not in REFUSED
    assert levels == ([constants.SUCCESS] if applied else [constants.ERROR])
    flag.refresh_from_db()
    assert (flag.status == Flag.Status.CLOSED) is applied
    assert AuditEntry.objects.filter(event_type="flag.decided").exists() is applied
    listing.refresh_from_db()
    assert listing.status == expected_status(decision, status)


def test_a_refusal_tells_the_regulator_why(client, seller, regulator):
    flag = FlagFactory(listing=ListingFactory(seller=seller, status=S.SOLD))
    sign_in(client, regulator)
    response = post_decision(client, flag, D.TAKEDOWN, "flag_page")
    [message] = response.context["messages"]
    with translation.override(settings.LANGUAGE_CODE):
        assert str(Listing.Status.SOLD.label) in str(message)


def test_referring_a_listing_already_taken_down_by_an_ip_notice_blocks_it(client, seller, regulator):
    """The old HTTP 500: removed → blocked was not allowed."""
    from tests.regulation.factories import IPNoticeFactory

    notice = IPNoticeFactory(listing=ListingFactory(seller=seller, status=S.REMOVED))
    flag = FlagFactory(listing=notice.listing, source=Flag.Source.IP_NOTICE, flag_type=Flag.Type.STOLEN)
    sign_in(client, regulator)
    response = post_decision(client, flag, D.REFER_POLICE, "flag_page")
    assert response.status_code == 200
    notice.listing.refresh_from_db()
    assert notice.listing.status == S.BLOCKED
    assert flag.police_report.snapshot["listing_id"] == notice.listing_id


def test_a_bulk_decision_decides_what_it_can_and_names_what_it_cannot(client, seller, regulator):
    on_offer = FlagFactory(listing=ListingFactory(seller=seller, published=True))
    sold = FlagFactory(listing=ListingFactory(seller=seller, status=S.SOLD))
    sign_in(client, regulator)
    response = client.post(
        reverse("regulation:decide_bulk"),
        {"flags": [on_offer.pk, sold.pk], "decision": D.TAKEDOWN, "reason": "批量下架"},
        follow=True,
    )
    texts = [str(m) for m in response.context["messages"]]
    assert any(f"#{sold.pk}" in text for text in texts)
    on_offer.refresh_from_db()
    sold.refresh_from_db()
    assert on_offer.status == Flag.Status.CLOSED and sold.status == Flag.Status.OPEN
