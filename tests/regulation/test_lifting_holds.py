"""How an authority's hold on a listing ends: the regulator reverses its own takedown, or the rights
holder withdraws the notice. Nothing else lifts it (see tests/listings/test_authority_hold.py)."""

import pytest
from django.urls import reverse

from listings.models import Listing
from marketplace.accounts.services import set_role
from marketplace.geography.models import District
from regulation import services
from regulation.models import AuditEntry, IPNotice
from tests.accounts.factories import SupervisionOfficeFactory, UserFactory, give_totp, sign_in
from tests.listings.factories import ListingFactory
from tests.regulation.factories import FlagFactory, RightsHolderFactory

pytestmark = pytest.mark.django_db
S = Listing.Status
H = Listing.AuthorityHold


@pytest.fixture
def taken_down(seller, regulator):
    flag = FlagFactory(listing=ListingFactory(seller=seller, published=True))
    services.decide(flag, actor=regulator, decision="takedown", reason="责令下架")
    return flag


def notice_on(listing, **kwargs):
    return services.file_notice(
        RightsHolderFactory(verified=True, **kwargs),
        listing=listing,
        right="注册商标第9号",
        evidence="比对图",
    )


def test_the_regulator_reverses_its_takedown_from_the_flag_page(client, taken_down, regulator):
    sign_in(client, regulator)
    url = reverse("regulation:reverse_takedown", args=[taken_down.pk])
    assert url in client.get(reverse("regulation:flag", args=[taken_down.pk])).content.decode()

    client.post(url, {"reason": "复核后撤销：系正品"})

    listing = Listing.objects.get(pk=taken_down.listing_id)
    assert (listing.status, listing.authority_hold) == (S.PUBLISHED, H.NONE)
    assert AuditEntry.objects.filter(event_type="flag.reversed").count() == 1
    assert url not in client.get(reverse("regulation:flag", args=[taken_down.pk])).content.decode()
    with pytest.raises(services.RegulationError):
        services.reverse_takedown(taken_down, actor=regulator, reason="再次撤销")


def test_only_a_regulator_of_the_district_reverses(client, taken_down, platform_admin):
    sign_in(client, platform_admin)
    url = reverse("regulation:reverse_takedown", args=[taken_down.pk])
    assert url not in client.get(reverse("regulation:flag", args=[taken_down.pk])).content.decode()
    assert client.post(url, {"reason": "撤销"}).status_code == 403
    heping = District.objects.get_or_create(code="120101", defaults={"name": "和平区"})[0]
    outsider = UserFactory()
    set_role(
        outsider, "regulator", supervision_office=SupervisionOfficeFactory(name="和平区局", district=heping)
    )
    give_totp(outsider)
    for actor in (platform_admin, outsider):
        with pytest.raises(services.RegulationError):
            services.reverse_takedown(taken_down, actor=actor, reason="撤销")
    assert Listing.objects.get(pk=taken_down.listing_id).authority_hold == H.REGULATOR


def test_a_reversal_leaves_an_open_notice_holding_the_listing(seller, regulator):
    listing = ListingFactory(seller=seller, published=True)
    notice_on(listing)
    flag = FlagFactory(listing=listing)
    services.decide(flag, actor=regulator, decision="takedown", reason="责令下架")
    listing.refresh_from_db()
    assert listing.authority_hold == H.REGULATOR

    services.reverse_takedown(flag, actor=regulator, reason="复核撤销")

    listing.refresh_from_db()
    assert (listing.status, listing.authority_hold) == (S.REMOVED, H.IP_NOTICE)


def test_the_rights_holder_withdraws_a_notice_and_the_listing_returns(client, seller, outsider):
    listing = ListingFactory(seller=seller, published=True)
    notice = notice_on(listing)
    url = reverse("regulation:withdraw_notice", args=[notice.pk])
    sign_in(client, outsider)
    assert client.post(url).status_code == 404
    sign_in(client, notice.rights_holder.user)
    assert url in client.get(reverse("regulation:rights_holder")).content.decode()

    client.post(url, {"note": "已与卖家和解"})

    notice.refresh_from_db()
    listing.refresh_from_db()
    assert notice.status == IPNotice.Status.WITHDRAWN
    assert (listing.status, listing.authority_hold) == (S.PUBLISHED, H.NONE)
    assert AuditEntry.objects.filter(event_type="ip_notice.withdrawn").exists()


def test_withdrawing_one_of_two_notices_keeps_the_listing_down(seller):
    listing = ListingFactory(seller=seller, published=True)
    first = notice_on(listing)
    notice_on(listing)
    services.withdraw_notice(first, actor=first.rights_holder.user)
    listing.refresh_from_db()
    assert (listing.status, listing.authority_hold) == (S.REMOVED, H.IP_NOTICE)
