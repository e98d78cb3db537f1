"""A regulator's takedown and an IP-notice takedown hold the listing: the seller's appeal and a
moderator's approval cannot bring it back. Before the hold, a seller appealed, platform staff approved,
and the listing was public again while the notice still read "taken down"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from listings import actions, services
from listings.errors import ListingError
from listings.models import Listing
from listings.services.moderation import HOLD_REFUSALS
from regulation import services as regulation
from regulation.models import IPNotice
from tests.accounts.factories import sign_in
from tests.listings.factories import ListingFactory
from tests.regulation.factories import FlagFactory, RightsHolderFactory

pytestmark = pytest.mark.django_db
S = Listing.Status
H = Listing.AuthorityHold


def regulator_takedown(listing, regulator):
    flag = FlagFactory(listing=listing)
    regulation.decide(flag, actor=regulator, decision="takedown", reason="责令下架：假冒注册商标")
    listing.refresh_from_db()
    return flag


def notice_takedown(listing):
    notice = regulation.file_notice(
        RightsHolderFactory(verified=True), listing=listing, right="注册商标第123456号", evidence="比对图"
    )
    listing.refresh_from_db()
    return notice


def attack(client, listing, seller, staff):
    """The seller appeals, then platform staff approve in the moderation queue."""
    sign_in(client, seller)
    client.post(reverse("listings:appeal", args=[listing.pk]), {"statement": "这是正品，有发票"})
    sign_in(client, staff)
    client.post(reverse("listings_moderation:detail", args=[listing.pk]), {"action": "approve"})
    listing.refresh_from_db()


def test_a_regulator_takedown_cannot_be_undone_by_appeal_and_staff_approval(
    client, seller, regulator, platform_admin
):
    listing = ListingFactory(seller=seller, published=True)
    regulator_takedown(listing, regulator)
    assert listing.status == S.REMOVED

    attack(client, listing, seller, platform_admin)

    assert listing.status == S.REMOVED and not listing.appeal_used
    assert not Listing.objects.visible_to_public().filter(pk=listing.pk).exists()
    assert listing.authority_hold == H.REGULATOR


def test_an_ip_notice_takedown_cannot_be_undone_by_appeal_and_staff_approval(client, seller, platform_admin):
    listing = ListingFactory(seller=seller, published=True)
    notice = notice_takedown(listing)
    assert listing.status == S.REMOVED

    attack(client, listing, seller, platform_admin)

    assert listing.status == S.REMOVED and not listing.appeal_used
    assert listing.authority_hold == H.IP_NOTICE
    notice.refresh_from_db()
    assert notice.status == IPNotice.Status.TAKEN_DOWN


@pytest.mark.parametrize("takedown", ["regulator", "ip_notice"])
def test_the_appeal_is_refused_with_a_message_that_says_who_holds_it(client, seller, regulator, takedown):
    listing = ListingFactory(seller=seller, published=True)
    if takedown == "regulator":
        regulator_takedown(listing, regulator)
    else:
        notice_takedown(listing)
    sign_in(client, seller)
    page = client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    assert reverse("listings:appeal", args=[listing.pk]) not in page

    response = client.post(reverse("listings:appeal", args=[listing.pk]), {"statement": "请恢复"})

    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert error == str(HOLD_REFUSALS[takedown])
    with pytest.raises(ListingError) as caught:
        services.appeal_removal(listing, actor=seller, statement="请恢复")
    assert caught.value.code == "authority_hold"


def test_staff_cannot_approve_a_held_listing_and_are_not_offered_to(
    client, seller, regulator, platform_admin
):
    listing = ListingFactory(seller=seller, published=True)
    regulator_takedown(listing, regulator)
    sign_in(client, platform_admin)
    page = client.get(reverse("listings_moderation:detail", args=[listing.pk])).content.decode()
    assert 'value="approve"' not in page
    with pytest.raises(ListingError) as caught:
        services.approve_listing(listing, actor=platform_admin)
    assert caught.value.code == "authority_hold"


def test_a_takedown_of_a_listing_already_appealed_still_holds_it(seller, regulator, platform_admin):
    """Moderation removed it and the seller appealed; the regulator then takes it down."""
    listing = ListingFactory(seller=seller, published=True)
    services.reject_listing(listing, actor=platform_admin, reason="描述不实")
    services.appeal_removal(listing, actor=seller, statement="有发票")
    regulator_takedown(listing, regulator)
    assert listing.status == S.REMOVED
    with pytest.raises(ListingError):
        services.approve_listing(listing, actor=platform_admin)


def test_a_regulator_takedown_of_a_removed_listing_takes_away_its_unused_appeal(
    seller, regulator, platform_admin
):
    listing = ListingFactory(seller=seller, published=True)
    services.reject_listing(listing, actor=platform_admin, reason="描述不实")
    regulator_takedown(listing, regulator)
    assert listing.authority_hold == H.REGULATOR
    assert listing.moderation_note == "责令下架：假冒注册商标"
    with pytest.raises(ListingError):
        services.appeal_removal(listing, actor=seller, statement="有发票")


def test_a_police_referral_holds_the_blocked_listing(seller, regulator):
    listing = ListingFactory(seller=seller, published=True)
    regulation.decide(FlagFactory(listing=listing), actor=regulator, decision="refer_police", reason="赃物")
    listing.refresh_from_db()
    assert (listing.status, listing.authority_hold) == (S.BLOCKED, H.REGULATOR)


def test_restoration_after_art_45_still_works(seller):
    listing = ListingFactory(seller=seller, published=True)
    notice = notice_takedown(listing)
    regulation.counter_declare(notice, actor=seller, statement="专柜购入，附小票")
    notice.refresh_from_db()

    assert regulation.restore_expired_notices(now=notice.restore_after + dt.timedelta(minutes=1)) == 1

    listing.refresh_from_db()
    assert (listing.status, listing.authority_hold) == (S.PUBLISHED, H.NONE)


def test_the_end_of_a_notice_leaves_the_regulators_own_hold(seller, regulator):
    listing = ListingFactory(seller=seller, published=True)
    notice = notice_takedown(listing)
    regulator_takedown(listing, regulator)
    regulation.counter_declare(notice, actor=seller, statement="不同意")
    regulation.restore_expired_notices(now=timezone.now() + dt.timedelta(days=16))
    listing.refresh_from_db()
    assert (listing.status, listing.authority_hold) == (S.REMOVED, H.REGULATOR)


def test_a_notice_that_ends_never_republishes_what_moderation_removed(seller, platform_admin):
    listing = ListingFactory(seller=seller, published=True)
    services.reject_listing(listing, actor=platform_admin, reason="描述不实")
    notice = notice_takedown(listing)  # not on offer: nothing to take down, no hold of the notice's
    regulation.counter_declare(notice, actor=seller, statement="不同意")
    regulation.restore_expired_notices(now=timezone.now() + dt.timedelta(days=16))
    listing.refresh_from_db()
    assert (listing.status, listing.authority_hold) == (S.REMOVED, H.NONE)


def test_restore_without_the_authority_leaves_a_held_listing_down(seller, regulator):
    listing = ListingFactory(seller=seller, published=True)
    regulator_takedown(listing, regulator)
    assert not actions.restore(listing, reason="通知失效")
    assert not actions.restore(listing, reason="通知失效", authority=H.IP_NOTICE)
    assert not actions.lift_authority_hold(listing, authority=H.IP_NOTICE, reason="通知撤回")
    listing.refresh_from_db()
    assert (listing.status, listing.authority_hold) == (S.REMOVED, H.REGULATOR)
    assert actions.restore(listing, reason="复核撤销", authority=H.REGULATOR)
    listing.refresh_from_db()
    assert (listing.status, listing.authority_hold, listing.moderation_note) == (S.PUBLISHED, H.NONE, "")
