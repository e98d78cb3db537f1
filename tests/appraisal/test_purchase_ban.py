"""An appraiser may not buy or swap for what they valued, for APPRAISAL_PURCHASE_BAN_DAYS after the
valuation, whatever becomes of their certificate: tried from the buyer's side, through orders."""

import datetime as dt

import pytest
from django.utils import timezone

from appraisal import services
from appraisal.models import AppraisalCase, AppraisalCaseStatusChange
from listings.models import Listing
from marketplace.accounts.models import Role
from marketplace.accounts.services import set_role
from orders import services as orders
from orders.errors import OrderError
from tests.appraisal.factories import issued_report
from tests.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db


def expire(appraiser):
    appraiser.active_until = timezone.localdate() - dt.timedelta(days=1)
    appraiser.save(update_fields=["active_until"])


def refused(call, *args, **kwargs) -> bool:
    with pytest.raises(OrderError) as caught:
        call(*args, **kwargs)
    return caught.value.code == "appraiser_conflict"


def swap_listing(seller):
    return ListingFactory(seller=seller, published=True, trade_mode="swap", price=None)


def valued_case(listing, appraiser) -> AppraisalCase:
    case = services.request_appraisal(listing.seller, listing=listing)
    return services.assign_case(case, appraiser=appraiser, actor=appraiser.user)


def test_an_expired_certificate_does_not_lift_the_ban_on_buying(seller, phone_listing, certified):
    issued_report(phone_listing, certified)
    expire(certified)
    assert refused(orders.place_order, phone_listing, buyer=certified.user, kind="meetup")
    phone_listing.refresh_from_db()
    assert phone_listing.status == Listing.Status.PUBLISHED


def test_a_suspended_appraiser_may_not_buy_or_swap_for_what_they_valued(seller, phone_listing, certified):
    issued_report(phone_listing, certified)
    bike = swap_listing(seller)
    valued_case(bike, certified)
    set_role(certified.user, Role.RESIDENT)  # suspended: no longer an appraiser at all
    assert refused(orders.place_order, phone_listing, buyer=certified.user, kind="meetup")
    assert refused(orders.propose_swap, bike, proposer=certified.user, offer="一台电风扇")


def test_an_expired_certificate_does_not_lift_the_ban_on_swaps(seller, certified):
    bike = swap_listing(seller)
    offer = orders.propose_swap(bike, proposer=certified.user, offer="一台电风扇")
    valued_case(bike, certified)
    expire(certified)
    assert refused(orders.accept_swap, offer, actor=seller)
    assert refused(orders.propose_swap, bike, proposer=certified.user, offer="两本书")
    bike.refresh_from_db()
    assert bike.status == Listing.Status.PUBLISHED


def test_the_ban_lapses_only_after_the_days_since_the_valuation(settings, seller, phone_listing, certified):
    report = issued_report(phone_listing, certified)
    expire(certified)
    long_ago = timezone.now() - dt.timedelta(days=settings.APPRAISAL_PURCHASE_BAN_DAYS - 1)
    AppraisalCaseStatusChange.objects.filter(case=report.case).update(at=long_ago)
    AppraisalCase.objects.filter(pk=report.case_id).update(updated_at=long_ago)
    assert refused(orders.place_order, phone_listing, buyer=certified.user, kind="meetup")

    past = timezone.now() - dt.timedelta(days=settings.APPRAISAL_PURCHASE_BAN_DAYS + 1)
    AppraisalCaseStatusChange.objects.filter(case=report.case).update(at=past)
    AppraisalCase.objects.filter(pk=report.case_id).update(updated_at=past)
    order = orders.place_order(phone_listing, buyer=certified.user, kind="meetup")
    assert order.buyer == certified.user
