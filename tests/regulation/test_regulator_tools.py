"""A regulator's own flags, and upholding IP notices from the flag page."""

import pytest
from django.urls import reverse

from listings.models import Listing
from marketplace.accounts.permissions import can_sell
from marketplace.accounts.services import set_role
from marketplace.geography.models import District
from regulation.models import AuditEntry, Flag, IPNotice
from tests.accounts.factories import SupervisionOfficeFactory, UserFactory, give_totp, sign_in
from tests.listings.factories import ListingFactory
from tests.regulation.factories import FlagFactory, IPNoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heping_regulator(db):
    heping = District.objects.get_or_create(code="120101", defaults={"name": "和平区"})[0]
    user = UserFactory()
    set_role(
        user,
        "regulator",
        supervision_office=SupervisionOfficeFactory(name="和平区市场监督管理局", district=heping),
    )
    give_totp(user)
    return user


@pytest.mark.parametrize("given", ["{pk}", "#{pk}", "http://testserver/listings/{pk}/", "/listings/{pk}/"])
def test_a_regulator_opens_a_flag_from_a_listing_number_or_address(client, seller, regulator, given):
    listing = ListingFactory(seller=seller, published=True, title="抽查到的手机")
    sign_in(client, regulator)
    response = client.post(
        reverse("regulation:open_flag"),
        {
            "listing": given.format(pk=listing.pk),
            "flag_type": "misleading",
            "severity": "low",
            "reason": "描述不实",
        },
    )
    flag = Flag.objects.get(listing=listing)
    assert response.status_code == 302 and response["Location"] == reverse("regulation:flag", args=[flag.pk])
    assert (flag.source, flag.raised_by, flag.evidence["listing"]["title"]) == (
        "regulator",
        regulator,
        "抽查到的手机",
    )
    assert AuditEntry.objects.filter(event_type="flag.raised").exists()
    assert "抽查到的手机" in client.get(reverse("regulation:dashboard")).content.decode()


def test_the_listing_page_offers_the_district_regulator_a_flag(client, seller, regulator, heping_regulator):
    listing = ListingFactory(seller=seller, published=True)
    link = reverse("regulation:open_flag") + f"?listing={listing.pk}"
    sign_in(client, regulator)
    assert link in client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    sign_in(client, heping_regulator)
    assert link not in client.get(reverse("listings:detail", args=[listing.pk])).content.decode()


def test_a_regulator_cannot_flag_outside_their_district(client, seller, heping_regulator):
    listing = ListingFactory(seller=seller, published=True)
    sign_in(client, heping_regulator)
    response = client.post(
        reverse("regulation:open_flag"),
        {"listing": str(listing.pk), "flag_type": "fraud", "severity": "high", "reason": "越区"},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Flag.objects.exists()


def test_an_unknown_listing_or_address_is_answered_on_the_form(client, regulator):
    sign_in(client, regulator)
    for given in ("999999", "https://example.com/orders/3/", "书桌"):
        response = client.post(
            reverse("regulation:open_flag"),
            {"listing": given, "flag_type": "fraud", "severity": "high", "reason": "x"},
        )
        assert response.status_code == 200 and response.context["form"].errors
    assert not Flag.objects.exists()


def test_only_regulators_open_flags(client, seller, platform_admin):
    sign_in(client, seller)
    assert client.get(reverse("regulation:open_flag")).status_code == 403


def test_a_regulator_upholds_a_notice_from_the_flag_page(client, seller, regulator):
    notice = IPNoticeFactory(listing=ListingFactory(seller=seller, status=Listing.Status.REMOVED))
    flag = FlagFactory(listing=notice.listing, source="ip_notice", evidence={"ip_notice": notice.pk})
    sign_in(client, regulator)
    page = client.get(reverse("regulation:flag", args=[flag.pk])).content.decode()
    assert reverse("regulation:uphold", args=[notice.pk]) in page and notice.right in page
    response = client.post(reverse("regulation:uphold", args=[notice.pk]), {"note": "侵权成立"})
    assert response["Location"] == reverse("regulation:flag", args=[flag.pk])
    notice.refresh_from_db()
    assert notice.status == IPNotice.Status.UPHELD and notice.outcome_note == "侵权成立"
    assert AuditEntry.objects.filter(event_type="ip_notice.upheld").exists()
    again = client.post(reverse("regulation:uphold", args=[notice.pk]), {"note": "再次"}, follow=True)
    assert again.status_code == 200 and [m.level_tag for m in again.context["messages"]][-1] == "error"


def test_platform_staff_uphold_and_repeat_infringers_are_restricted(client, seller, platform_admin, settings):
    sign_in(client, platform_admin)
    for _n in range(settings.REPEAT_INFRINGER_NOTICES):
        notice = IPNoticeFactory(listing=ListingFactory(seller=seller, status=Listing.Status.REMOVED))
        client.post(reverse("regulation:uphold", args=[notice.pk]), {"note": "侵权成立"})
    assert IPNotice.objects.filter(status=IPNotice.Status.UPHELD).count() == settings.REPEAT_INFRINGER_NOTICES
    assert not can_sell(seller)


def test_a_regulator_of_another_district_cannot_uphold(client, seller, heping_regulator, resident):
    notice = IPNoticeFactory(listing=ListingFactory(seller=seller, status=Listing.Status.REMOVED))
    for user in (heping_regulator, resident):
        sign_in(client, user)
        assert client.post(reverse("regulation:uphold", args=[notice.pk]), {"note": "x"}).status_code == 404
    notice.refresh_from_db()
    assert notice.status == IPNotice.Status.TAKEN_DOWN
